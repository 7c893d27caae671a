// The actorgraph web explorer: search, neighbourhood graph, time slider, evidence, paths, exports.
// Everything comes from the same HTTP API any other client uses.

const $ = (id) => document.getElementById(id);
const COLOURS = { 1: "#2e8b57", "-1": "#c0392b", 0: "#8a939e" };
const KIND_SHAPES = {
  state: "round-rectangle", government: "round-rectangle", armed_forces: "diamond",
  armed_group: "triangle", militia: "triangle", political_party: "hexagon",
  person: "ellipse", international_org: "octagon", community: "barrel", other: "ellipse",
};
const KIND_COLOURS = {
  state: "#4062bb", government: "#5a7bd8", armed_forces: "#7b4bb7", armed_group: "#b5651d",
  militia: "#d08c2e", political_party: "#2b9aa0", person: "#6c757d",
  international_org: "#3c8d5a", community: "#a0785a", other: "#95a0ab",
};
const BLOC_COLOURS = ["#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4",
  "#f032e6", "#bfef45", "#469990", "#9a6324", "#800000", "#808000", "#000075", "#a9a9a9"];

const state = { actor: null, days: [], asOf: null, names: new Map() };

function status(text) { $("status").textContent = text || ""; }

async function api(path, params = {}) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") url.searchParams.set(key, value);
  }
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.detail || `${response.status} ${response.statusText}`);
  return body;
}

function filters() { return state.asOf ? { as_of: state.asOf } : {}; }

const cy = cytoscape({
  container: $("graph"),
  wheelSensitivity: 0.3,
  style: [
    { selector: "node", style: {
      label: "data(label)", "font-size": 11, "text-wrap": "wrap", "text-max-width": 120,
      "text-valign": "bottom", "text-margin-y": 4, width: 26, height: 26,
      shape: (n) => KIND_SHAPES[n.data("kind")] || "ellipse",
      "background-color": (n) => n.data("colour") || "#95a0ab",
    } },
    { selector: "node.centre", style: { "border-width": 4, "border-color": "#1d2430" } },
    { selector: "edge", style: {
      width: "data(width)", "line-color": "data(colour)", "target-arrow-color": "data(colour)",
      "target-arrow-shape": "data(arrow)", "curve-style": "bezier", opacity: 0.85,
    } },
    { selector: "edge:selected", style: { "overlay-opacity": 0.2, "overlay-color": "#1d2430" } },
    { selector: ".on-path", style: { "border-width": 4, "border-color": "#f1c40f", "line-style": "dashed",
      opacity: 1, "z-index": 10 } },
  ],
});
window.cy = cy;

function nodeData(actor, colour) {
  state.names.set(actor.id, actor.name);
  return { group: "nodes", data: { id: actor.id, label: actor.name, kind: actor.kind,
    colour: colour || KIND_COLOURS[actor.kind] } };
}

function edgeData(relation) {
  return { group: "edges", data: {
    id: `${relation.source}|${relation.target}|${relation.type}`,
    source: relation.source, target: relation.target, type: relation.type,
    polarity: relation.polarity, weight: relation.weight,
    colour: COLOURS[relation.polarity], width: Math.min(2 + 2.5 * relation.weight, 14),
    arrow: relation.symmetric ? "none" : "triangle",
  } };
}

async function colourByBloc() {
  if (!$("blocs").checked) {
    cy.nodes().forEach((n) => n.data("colour", KIND_COLOURS[n.data("kind")]));
    return;
  }
  const { membership } = await api("/blocs", filters());
  cy.nodes().forEach((n) => {
    const bloc = membership[n.id()];
    n.data("colour", bloc === undefined ? "#ffffff" : BLOC_COLOURS[bloc % BLOC_COLOURS.length]);
    n.data("bloc", bloc);
  });
}

async function draw() {
  if (!state.actor) return;
  status("Loading…");
  const sub = await api(`/actors/${encodeURIComponent(state.actor.id)}/neighbourhood`, {
    depth: $("depth").value, limit: 100, ...filters(),
  });
  cy.elements().remove();
  cy.add(sub.nodes.map((a) => nodeData(a)));
  cy.add(sub.relations.map(edgeData));
  cy.getElementById(sub.center).addClass("centre");
  await colourByBloc();
  cy.layout({
    name: "cose", animate: false, randomize: false, padding: 30,
    nodeDimensionsIncludeLabels: true, nodeRepulsion: 40000, idealEdgeLength: 60,
  }).run();
  const when = state.asOf ? ` as of ${state.asOf}` : "";
  const relations = sub.relations.length < sub.total_relations
    ? `the ${sub.relations.length} strongest of ${sub.total_relations} relations`
    : `${sub.relations.length} relations`;
  status(`${sub.nodes.length} actors, ${relations}${when}` +
         (sub.truncated ? " (actor limit reached)" : ""));
  updateExports();
  return sub;
}

function setTimeRange(relations) {
  const days = new Set();
  for (const r of relations) for (const d of [r.first_seen, r.last_seen]) if (d) days.add(d);
  state.days = [...days].sort();
  const slider = $("as-of");
  slider.min = 0;
  slider.max = state.days.length + 1;  // the last position: all evidence, dated or not
  slider.value = state.days.length + 1;
  slider.disabled = state.days.length === 0;
  state.asOf = null;
  $("as-of-label").textContent = "all evidence";
}

function dayBefore(iso) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

$("as-of").addEventListener("input", async (event) => {
  const i = Number(event.target.value);
  // positions: 0 = the day before the first evidence, k = the k-th date, last = no filter
  if (i > state.days.length) state.asOf = null;
  else state.asOf = i === 0 ? dayBefore(state.days[0]) : state.days[i - 1];
  $("as-of-label").textContent = state.asOf || "all evidence";
  await draw().catch((e) => status(e.message));
});

async function select(actor) {
  state.actor = actor;
  $("search").value = actor.name;
  $("suggestions").replaceChildren();
  state.asOf = null;
  const sub = await draw();
  if (sub) setTimeRange(sub.relations);
  if (!$("path-from").value) $("path-from").value = actor.name;
}
window.explorer = { select, draw, state };

let searchTimer = null;
$("search").addEventListener("input", (event) => {
  clearTimeout(searchTimer);
  const q = event.target.value.trim();
  if (!q) { $("suggestions").replaceChildren(); return; }
  searchTimer = setTimeout(async () => {
    const matches = await api("/actors", { q, limit: 8 }).catch((e) => { status(e.message); return []; });
    $("suggestions").replaceChildren(...matches.map((m, i) => {
      const li = document.createElement("li");
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", i === 0 ? "true" : "false");
      li.dataset.id = m.actor.id;
      li.textContent = m.actor.name;
      if (m.matched.toLowerCase() !== m.actor.name.toLowerCase()) {
        const small = document.createElement("small");
        small.textContent = ` (${m.matched})`;
        li.append(small);
      }
      li.addEventListener("click", () => select(m.actor).catch((e) => status(e.message)));
      return li;
    }));
  }, 150);
});

$("search").addEventListener("keydown", (event) => {
  const items = [...$("suggestions").children];
  if (!items.length) return;
  const at = items.findIndex((li) => li.getAttribute("aria-selected") === "true");
  if (event.key === "ArrowDown" || event.key === "ArrowUp") {
    event.preventDefault();
    const next = (at + (event.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
    items.forEach((li, i) => li.setAttribute("aria-selected", i === next ? "true" : "false"));
  } else if (event.key === "Enter") {
    event.preventDefault();
    items[Math.max(at, 0)].click();
  } else if (event.key === "Escape") {
    $("suggestions").replaceChildren();
  }
});
$("search-form").addEventListener("submit", (event) => event.preventDefault());
$("depth").addEventListener("change", () => draw().catch((e) => status(e.message)));
$("blocs").addEventListener("change", () => colourByBloc().catch((e) => status(e.message)));

function element(tag, text, cls) {
  const el = document.createElement(tag);
  if (text !== undefined) el.textContent = text;
  if (cls) el.className = cls;
  return el;
}

async function showEvidence(edge) {
  const { source, target, type } = edge.data();
  const names = `${state.names.get(source) || source} – ${state.names.get(target) || target}`;
  $("evidence-hint").textContent = `${type}: ${names}`;
  const items = await api("/evidence", { source, target, types: type, ...filters() });
  $("evidence-list").replaceChildren(...items.map(({ claim, article }) => {
    const li = element("li");
    li.append(element("blockquote", claim.evidence ? claim.evidence.quote : "(no quote)"));
    const title = article.url ? element("a", article.title) : element("cite", article.title);
    if (article.url) { title.href = article.url; title.rel = "noopener"; title.target = "_blank"; }
    const meta = element("div", "", "meta");
    meta.append(title, ` · ${claim.date || "undated"} · confidence ${claim.confidence}` +
                       ` · ${claim.modality}` + (article.publisher ? ` · ${article.publisher}` : ""));
    li.append(meta);
    return li;
  }));
}
cy.on("tap", "edge", (event) => showEvidence(event.target).catch((e) => status(e.message)));
cy.on("tap", "node", (event) => {
  const id = event.target.id();
  if (!state.actor || id === state.actor.id) return;
  api(`/actors/${encodeURIComponent(id)}`).then(select).catch((e) => status(e.message));
});

const SIGNS = { 1: ["+", "sign-pos", "allied"], "-1": ["−", "sign-neg", "hostile"],
  0: ["0", "sign-neu", "neutral"] };

$("path-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  cy.elements().removeClass("on-path");
  try {
    const paths = await api("/paths", {
      source: $("path-from").value, target: $("path-to").value, k: 3, max_hops: 4,
      positive_only: $("positive-only").checked, ...filters(),
    });
    if (!paths.length) { $("path-result").replaceChildren(element("li", "No path.")); return; }
    const unknown = new Set(paths.flatMap((p) => p.actors).filter((id) => !state.names.has(id)));
    await Promise.all([...unknown].map((id) =>
      api(`/actors/${encodeURIComponent(id)}`).then((a) => state.names.set(a.id, a.name))));
    $("path-result").replaceChildren(...paths.map((p) => {
      const [mark, cls, word] = SIGNS[p.sign];
      const li = element("li");
      li.append(element("strong", `${mark} ${word}`, cls),
                ` (${p.steps.length} hops): ` + p.actors.map((id) => state.names.get(id)).join(" → "));
      return li;
    }));
    highlight(paths[0]);
  } catch (e) {
    $("path-result").replaceChildren(element("li", e.message));
  }
});

function highlight(path) {
  for (const step of path.steps) {
    for (const id of [step.source, step.target]) {
      if (cy.getElementById(id).empty()) {
        cy.add({ group: "nodes", data: { id, label: state.names.get(id) || id, colour: "#ffffff" } });
      }
      cy.getElementById(id).addClass("on-path");
    }
    for (const r of step.relations) {
      const edge = cy.getElementById(`${r.source}|${r.target}|${r.type}`);
      (edge.empty() ? cy.add(edgeData(r)) : edge).addClass("on-path");
    }
  }
}

function updateExports() {
  for (const a of document.querySelectorAll("#exports a")) {
    const url = new URL("/export", window.location.origin);
    url.searchParams.set("format", a.dataset.format);
    if (a.dataset.table) url.searchParams.set("table", a.dataset.table);
    for (const [k, v] of Object.entries(filters())) url.searchParams.set(k, v);
    a.href = url.pathname + url.search;
    a.setAttribute("download", "");
  }
}
updateExports();
