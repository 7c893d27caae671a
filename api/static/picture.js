// The view as a picture for reports: PNG through Cytoscape, SVG drawn from the same elements.
// (The npm SVG extension for Cytoscape is GPL-3.0, which this Apache-2.0 project cannot
// vendor, hence the small writer below.)

import { LEGIBLE_PX, shapeSvg } from "./look.js";

const escape = (text) => String(text).replace(/[&<>"]/g,
  (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
const num = (v) => v.toFixed(1);

export function png(cy) {
  return cy.png({ output: "blob", full: true, scale: 2, bg: "#ffffff" });
}

function edgePath(edge) {
  const s = edge.sourceEndpoint();
  const t = edge.targetEndpoint();
  const bends = edge.controlPoints() || [];
  if (!bends.length) return `M${num(s.x)},${num(s.y)} L${num(t.x)},${num(t.y)}`;
  // Cytoscape's bezier edges: one quadratic segment per control point, joined at midpoints
  let d = `M${num(s.x)},${num(s.y)}`;
  bends.forEach((c, i) => {
    const next = bends[i + 1];
    const end = next ? { x: (c.x + next.x) / 2, y: (c.y + next.y) / 2 } : t;
    d += ` Q${num(c.x)},${num(c.y)} ${num(end.x)},${num(end.y)}`;
  });
  return d;
}

// Every element of the graph (not only the visible part), labels as the screen shows them
// at the current zoom: the major actors' always, the others' once legible.
export function svg(cy) {
  const box = cy.elements().boundingBox({ includeLabels: true });
  const pad = 20;
  const colours = [...new Set(cy.edges().map((e) => e.data("colour")))];
  const markers = colours.map((c, i) => `<marker id="arrow${i}" viewBox="0 0 10 10" refX="9"` +
    ` refY="5" markerWidth="5" markerHeight="5" orient="auto"><path d="M0,0 L10,5 L0,10 z"` +
    ` fill="${c}"/></marker>`);
  const edges = cy.edges().map((e) => {
    const arrow = e.data("arrow") === "triangle"
      ? ` marker-end="url(#arrow${colours.indexOf(e.data("colour"))})"` : "";
    return `<path class="edge" d="${edgePath(e)}" fill="none" stroke="${e.data("colour")}"` +
      ` stroke-width="${num(e.data("width"))}" stroke-opacity="0.7"${arrow}>` +
      `<title>${escape(e.data("type"))}</title></path>`;
  });
  const nodes = [];
  const labels = [];
  for (const n of cy.nodes()) {
    const { x, y } = n.position();
    const size = n.data("size") || 26;
    const centre = n.hasClass("centre") ? ' stroke="#1d2430" stroke-width="4"' : ' stroke="#fff"';
    nodes.push(`<g class="node">${shapeSvg(n.style("shape"), x, y, size, size,
      `fill="${n.data("colour") || "#95a0ab"}"${centre}`)}<title>${escape(n.data("label"))}` +
      "</title></g>");
    const font = parseFloat(n.style("font-size"));
    if (n.hasClass("major") || font * cy.zoom() >= LEGIBLE_PX) {
      const weight = n.hasClass("major") ? ' font-weight="bold"' : "";
      labels.push(`<text x="${num(x)}" y="${num(y + size / 2 + 3 + font)}" font-size="${font}"` +
        `${weight} text-anchor="middle" paint-order="stroke" stroke="#fff" stroke-width="3">` +
        `${escape(n.data("label"))}</text>`);
    }
  }
  return '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${num(box.x1 - pad)} ${num(box.y1 - pad)}` +
    ` ${num(box.w + 2 * pad)} ${num(box.h + 2 * pad)}" width="${Math.ceil(box.w + 2 * pad)}"` +
    ` height="${Math.ceil(box.h + 2 * pad)}" font-family="system-ui, sans-serif">\n` +
    `<rect x="${num(box.x1 - pad)}" y="${num(box.y1 - pad)}" width="100%" height="100%"` +
    ` fill="#fff"/>\n<defs>${markers.join("")}</defs>\n${edges.join("\n")}\n${nodes.join("\n")}\n` +
    `${labels.join("\n")}\n</svg>\n`;
}

export function download(blob, name) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
