// How the explorer draws actors and relations: shapes, colours, sizes, labels, and the legend.

export const SIGN_COLOURS = { 1: "#2e8b57", "-1": "#c0392b", 0: "#8a939e" };
export const SIGN_WORDS = { 1: "allied / cooperating", "-1": "hostile", 0: "structural / neutral" };
export const KIND_SHAPES = {
  state: "round-rectangle", government: "round-rectangle", armed_forces: "diamond",
  armed_group: "triangle", militia: "triangle", political_party: "hexagon",
  person: "ellipse", international_org: "octagon", community: "barrel", other: "ellipse",
};
export const KIND_COLOURS = {
  state: "#4062bb", government: "#5a7bd8", armed_forces: "#7b4bb7", armed_group: "#b5651d",
  militia: "#d08c2e", political_party: "#2b9aa0", person: "#6c757d",
  international_org: "#3c8d5a", community: "#a0785a", other: "#95a0ab",
};
export const BLOC_COLOURS = ["#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4",
  "#f032e6", "#bfef45", "#469990", "#9a6324", "#800000", "#808000", "#000075", "#a9a9a9"];

// Labels of the most important actors always show; the others once zoomed in far enough
// that their text is legible (Cytoscape hides text smaller than min-zoomed-font-size).
export const MAJOR_LABELS = 14;
export const MINOR_FONT = 9;
export const LEGIBLE_PX = 10;

export const STYLE = [
  { selector: "node", style: {
    label: "data(label)", "font-size": MINOR_FONT, "min-zoomed-font-size": LEGIBLE_PX,
    "text-wrap": "wrap", "text-max-width": 110, "text-valign": "bottom", "text-margin-y": 3,
    width: "data(size)", height: "data(size)", "border-width": 1, "border-color": "#ffffff",
    shape: (n) => KIND_SHAPES[n.data("kind")] || "ellipse",
    "background-color": (n) => n.data("colour") || "#95a0ab",
  } },
  { selector: "node.major", style: {
    "font-size": "data(font)", "font-weight": "bold", "min-zoomed-font-size": 0, "z-index": 5,
    "text-background-color": "#ffffff", "text-background-opacity": 0.75,
    "text-background-padding": 1,
  } },
  { selector: "node.centre", style: { "border-width": 4, "border-color": "#1d2430" } },
  { selector: "edge", style: {
    width: "data(width)", "line-color": "data(colour)", "target-arrow-color": "data(colour)",
    "target-arrow-shape": "data(arrow)", "arrow-scale": 0.8, "curve-style": "bezier",
    opacity: "mapData(width, 1, 8, 0.3, 0.9)",
  } },
  { selector: "edge:selected", style: { "overlay-opacity": 0.2, "overlay-color": "#1d2430" } },
  { selector: ".on-path", style: { "border-width": 4, "border-color": "#f1c40f",
    "line-style": "dashed", opacity: 1, "z-index": 10 } },
];

// Each actor's importance in the view: the summed weight of its relations in it.
// Sizes, label fonts and which labels always show follow from it.
export function rank(cy, centreId) {
  const score = new Map(cy.nodes().map((n) => [n.id(), 0]));
  for (const e of cy.edges()) {
    for (const id of [e.data("source"), e.data("target")]) {
      score.set(id, score.get(id) + e.data("weight"));
    }
  }
  const top = Math.max(...score.values(), 1e-9);
  const order = [...score.keys()].sort((a, b) => score.get(b) - score.get(a));
  const majors = new Set([centreId, ...order.slice(0, MAJOR_LABELS)]);
  cy.batch(() => cy.nodes().forEach((n) => {
    const share = Math.sqrt(score.get(n.id()) / top);
    const font = 11 + 5 * share;
    n.data({ importance: score.get(n.id()), size: 16 + 26 * share, font, "base-font": font });
    n.toggleClass("candidate", majors.has(n.id()));
  }));
  const heaviest = Math.max(...cy.edges().map((e) => e.data("weight")), 1e-9);
  cy.batch(() => cy.edges().forEach((e) => e.data("width", 1 + 7 * e.data("weight") / heaviest)));
}

// Once laid out and fitted: the candidates' labels are sized to read MAJOR_PX on screen at
// least, the most important first; a label that would overlap one already shown is left to
// the zoom (it shows, as every other label does, once zoomed in far enough to be legible).
// Fonts are not changed while zooming: Cytoscape's label cache would draw stale, clipped text.
const MAJOR_PX = 13;
export function fitLabels(cy) {
  const zoom = cy.zoom();
  const first = (n) => (n.hasClass("centre") ? Infinity : n.data("importance"));
  const candidates = cy.nodes(".candidate").sort((a, b) => first(b) - first(a));
  cy.batch(() => candidates.forEach((n) => {
    n.data("font", Math.max(n.data("base-font"), MAJOR_PX / zoom));
    n.addClass("major");
  }));
  const shown = [];
  const overlaps = (a, b) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
  cy.batch(() => candidates.forEach((n) => {
    const box = n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true });
    const free = !shown.some((other) => overlaps(box, other));
    n.toggleClass("major", free);
    if (free) shown.push(box);
  }));
}

// Allied ties pull their ends together, hostile ties push them apart, and ties across
// blocs (when blocs are known) are longest: the blocs of a neighbourhood form separate clumps.
export function layout(cy) {
  const across = (e) => {
    const [a, b] = [e.source().data("bloc"), e.target().data("bloc")];
    return a !== undefined && b !== undefined ? a !== b : e.data("polarity") === -1;
  };
  return cy.layout({
    name: "fcose", quality: "proof", animate: false, randomize: true, padding: 30,
    nodeDimensionsIncludeLabels: true, uniformNodeDimensions: false,
    idealEdgeLength: (e) => (across(e) ? 320 : e.data("polarity") === 1 ? 70 : 140),
    edgeElasticity: (e) => (across(e) ? 0.03 : 0.45),
    nodeRepulsion: () => 16000, gravity: 0.15, gravityRange: 5, numIter: 3000,
    packComponents: true,
  });
}

// An SVG outline of a Cytoscape node shape of size w x h around (x, y).
export function shapeSvg(shape, x, y, w, h, attrs) {
  const rx = w / 2;
  const ry = h / 2;
  const poly = (pts) => `<polygon points="${pts.map(([px, py]) =>
    `${(x + px * rx).toFixed(1)},${(y + py * ry).toFixed(1)}`).join(" ")}" ${attrs}/>`;
  const regular = (n, turn) => poly([...Array(n).keys()].map((i) => {
    const a = turn + (2 * Math.PI * i) / n;
    return [Math.cos(a), Math.sin(a)];
  }));
  switch (shape) {
    case "round-rectangle":
      return `<rect x="${(x - rx).toFixed(1)}" y="${(y - ry).toFixed(1)}" width="${w.toFixed(1)}"` +
        ` height="${h.toFixed(1)}" rx="${(w / 5).toFixed(1)}" ${attrs}/>`;
    case "diamond": return poly([[0, -1], [1, 0], [0, 1], [-1, 0]]);
    case "triangle": return poly([[0, -1], [1, 1], [-1, 1]]);
    case "hexagon": return regular(6, 0);
    case "octagon": return regular(8, Math.PI / 8);
    case "barrel": return poly([[-0.8, -1], [0.8, -1], [1, -0.6], [1, 0.6], [0.8, 1], [-0.8, 1],
      [-1, 0.6], [-1, -0.6]]);
    default:
      return `<ellipse cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" rx="${rx.toFixed(1)}"` +
        ` ry="${ry.toFixed(1)}" ${attrs}/>`;
  }
}

function keyItem(svg, text) {
  const li = document.createElement("li");
  li.innerHTML = `<svg width="34" height="18" aria-hidden="true">${svg}</svg>`;
  li.append(text);
  return li;
}

// The legend: one entry per actor kind (shape and colour), per sign, and per mark.
export function legend(list) {
  const items = Object.keys(KIND_SHAPES).map((kind) => keyItem(
    shapeSvg(KIND_SHAPES[kind], 17, 9, 14, 14, `fill="${KIND_COLOURS[kind]}"`),
    kind.replace("_", " ")));
  for (const sign of [1, -1, 0]) {
    items.push(keyItem(`<line x1="2" y1="9" x2="32" y2="9" stroke="${SIGN_COLOURS[sign]}"` +
      ` stroke-width="4"/>`, SIGN_WORDS[sign]));
  }
  items.push(
    keyItem('<line x1="2" y1="9" x2="13" y2="9" stroke="#8a939e" stroke-width="1.5"/>' +
      '<line x1="19" y1="9" x2="32" y2="9" stroke="#8a939e" stroke-width="7"/>',
      "thicker: more weight of evidence"),
    keyItem('<line x1="2" y1="9" x2="26" y2="9" stroke="#8a939e" stroke-width="2"/>' +
      '<polygon points="24,4 32,9 24,14" fill="#8a939e"/>', "arrow: directed (source acts on target)"),
    keyItem(shapeSvg("ellipse", 17, 9, 14, 14, 'fill="#95a0ab" stroke="#1d2430" stroke-width="3"'),
      "the actor explored"),
    keyItem('<line x1="2" y1="9" x2="32" y2="9" stroke="#f1c40f" stroke-width="3"' +
      ' stroke-dasharray="4 3"/>', "on the path found"),
  );
  list.replaceChildren(...items);
}
