// The actorgraph web explorer: search, neighbourhood graph, filters, evidence, paths, exports.
// Everything comes from the same HTTP API any other client uses.

import {
  BLOC_COLOURS, KIND_COLOURS, SIGN_COLOURS, STYLE, fitLabels, layout, legend, rank,
} from "./look.js";
import { createMap } from "./map.js";
import { download, png, svg } from "./picture.js";
import { readView, writeView } from "./view-state.js";

const $ = (id) => document.getElementById(id);
const initial = readView();
// A view holds at most this many actors besides the centre, and their strongest relations
// (the status line says how many more there are): beyond that a graph is a hairball.
const VIEW_ACTORS = 100;
const VIEW_RELATIONS = 250;
const state = { actor: null, days: [], asOf: null, names: new Map(), region: null };

function status(text) { $("status").textContent = text || ""; }
const report = (e) => status(e.message);

// `path` on this server with `params` as its query (a list repeats its key; blanks are left out).
function apiUrl(path, params) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(params)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one !== null && one !== undefined && one !== "") url.searchParams.append(key, one);
    }
  }
  return url;
}

async function api(path, params = {}) {
  const response = await fetch(apiUrl(path, params), { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.detail || `${response.status} ${response.statusText}`);
  return body;
}

function polarities() {
  return [...document.querySelectorAll("#polarity input:checked")].map((i) => i.value);
}

// The filters of the view, as the API's query parameters (defaults left out).
function filters() {
  const chosen = polarities();
  const confidence = Number($("min-confidence").value);
  return {
    ...(state.asOf ? { as_of: state.asOf } : {}),
    ...(chosen.length < 3 ? { polarity: chosen } : {}),
    ...(confidence > 0 ? { min_confidence: confidence } : {}),
    ...(state.region ? { bbox: state.region.bbox } : {}),
  };
}

function remember() {
  writeView({ actor: state.actor && state.actor.id, depth: Number($("depth").value),
    polarity: polarities(), minConfidence: Number($("min-confidence").value),
    asOf: state.asOf, blocs: $("blocs").checked });
}

const cy = cytoscape({ container: $("graph"), wheelSensitivity: 0.3, style: STYLE });
window.cy = cy;

function nodeData(actor) {
  state.names.set(actor.id, actor.name);
  return { group: "nodes", data: { id: actor.id, label: actor.name, kind: actor.kind,
    colour: KIND_COLOURS[actor.kind], size: 20, font: 11 } };
}

function edgeData(relation) {
  return { group: "edges", data: {
    id: `${relation.source}|${relation.target}|${relation.type}`,
    source: relation.source, target: relation.target, type: relation.type,
    polarity: relation.polarity, weight: relation.weight, colour: SIGN_COLOURS[relation.polarity],
    width: 2, arrow: relation.symmetric ? "none" : "triangle",
  } };
}

// With "colour by bloc", each actor's bloc (the layout then keeps blocs apart too).
function colourByBloc(membership) {
  if (!membership) return;
  cy.nodes().forEach((n) => {
    const bloc = membership[n.id()];
    n.data("colour", bloc === undefined ? "#ffffff" : BLOC_COLOURS[bloc % BLOC_COLOURS.length]);
    n.data("bloc", bloc);
  });
}

async function draw() {
  if (!state.actor) return null;
  status("Loading…");
  let hidden = 0;
  const [sub, blocs] = await Promise.all([
    api(`/actors/${encodeURIComponent(state.actor.id)}/neighbourhood`, {
      depth: $("depth").value, limit: VIEW_ACTORS, max_relations: VIEW_RELATIONS, ...filters(),
    }),
    $("blocs").checked ? api("/blocs", filters()) : null,
  ]);
  cy.batch(() => {
    cy.elements().remove();
    cy.add(sub.nodes.map(nodeData));
    cy.add(sub.relations.map(edgeData));
    cy.getElementById(sub.center).addClass("centre");
    // actors whose every shown relation fell under VIEW_RELATIONS would float alone
    hidden = cy.nodes().filter((n) => n.degree() === 0 && n.id() !== sub.center).remove().length;
    rank(cy, sub.center);
    colourByBloc(blocs && blocs.membership);
  });
  layout(cy).run();
  fitLabels(cy);
  const when = state.asOf ? ` as of ${state.asOf}` : "";
  const relations = sub.relations.length < sub.total_relations
    ? `the ${sub.relations.length} strongest of ${sub.total_relations} relations`
    : `${sub.relations.length} relations`;
  status(`${sub.nodes.length} actors, ${relations}${when}` +
         (sub.truncated ? " (actor limit reached)" : "") +
         (hidden ? `; ${hidden} actors without a shown relation left out` : ""));
  updateExports();
  remember();
  showRegion();
  map.show(state.actor.id, filters()).catch(report);
  return sub;
}
const redraw = () => draw().catch(report);

// The map of the selected actor's claims; a region picked on it narrows the graph to that region.
const map = createMap($("map"), {
  fetchClaims: (params) => api("/export", { format: "geojson", ...params }),
  onRegion: (region) => { state.region = region; redraw(); },
});
function showRegion() {
  $("map-region").textContent = state.region ? `Only claims in ${state.region.label}.` : "";
  $("map-all").hidden = !state.region;
}
$("map-all").addEventListener("click", () => { state.region = null; redraw(); });

function setTimeRange(relations) {
  const days = new Set();
  for (const r of relations) for (const d of [r.first_seen, r.last_seen]) if (d) days.add(d);
  state.days = [...days].sort();
  const slider = $("as-of");
  slider.min = 0;
  slider.max = state.days.length + 1;  // the last position: all evidence, dated or not
  slider.disabled = state.days.length === 0;
  showAsOf(null);
}

// positions: 0 = the day before the first evidence, k = the k-th date, last = no filter
function showAsOf(asOf) {
  state.asOf = asOf;
  const at = asOf === null ? state.days.length + 1
    : state.days.filter((d) => d <= asOf).length;
  $("as-of").value = at;
  $("as-of-label").textContent = asOf || "all evidence";
}

function dayBefore(iso) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

$("as-of").addEventListener("input", (event) => {
  const i = Number(event.target.value);
  if (i > state.days.length) state.asOf = null;
  else state.asOf = i === 0 ? dayBefore(state.days[0]) : state.days[i - 1];
  $("as-of-label").textContent = state.asOf || "all evidence";
  redraw();
});

async function select(actor, asOf = null) {
  state.actor = actor;
  document.body.classList.add("exploring");
  $("search").value = actor.name;
  $("suggestions").replaceChildren();
  state.asOf = null;
  const sub = await draw();
  if (sub) setTimeRange(sub.relations);
  if (asOf) { showAsOf(asOf); await draw(); }
  if (!$("path-from").value) $("path-from").value = actor.name;
}

const pick = (id) => api(`/actors/${encodeURIComponent(id)}`).then((a) => select(a)).catch(report);

let searchTimer = null;
$("search").addEventListener("input", (event) => {
  clearTimeout(searchTimer);
  const q = event.target.value.trim();
  if (!q) { $("suggestions").replaceChildren(); return; }
  searchTimer = setTimeout(async () => {
    const matches = await api("/actors", { q, limit: 8 }).catch((e) => { report(e); return []; });
    $("suggestions").replaceChildren(...matches.map((m, i) => {
      const li = document.createElement("li");
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", i === 0 ? "true" : "false");
      li.dataset.id = m.actor.id;
      li.textContent = m.actor.name;
      if (m.matched.toLowerCase() !== m.actor.name.toLowerCase()) {
        li.append(element("small", ` (${m.matched})`));
      }
      li.addEventListener("click", () => select(m.actor).catch(report));
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
$("depth").addEventListener("change", redraw);
$("blocs").addEventListener("change", redraw);
$("polarity").addEventListener("change", (event) => {
  if (!polarities().length) event.target.checked = true;  // a view shows at least one sign
  redraw();
});
$("min-confidence").addEventListener("input", () => {
  $("min-confidence-label").textContent = Number($("min-confidence").value).toFixed(2);
});
$("min-confidence").addEventListener("change", redraw);

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
cy.on("tap", "edge", (event) => showEvidence(event.target).catch(report));
cy.on("tap", "node", (event) => {
  if (state.actor && event.target.id() !== state.actor.id) pick(event.target.id());
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
        cy.add({ group: "nodes", data: { id, label: state.names.get(id) || id, colour: "#ffffff",
          size: 20 } });
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
  for (const a of document.querySelectorAll("#downloads a[data-format]")) {
    const { format, table } = a.dataset;
    const url = apiUrl("/export", { format, table, ...filters() });
    a.href = url.pathname + url.search;
    a.setAttribute("download", "");
  }
}

const pictureName = (suffix) => `actorgraph-${state.actor ? state.actor.id : "view"}` +
  `${state.asOf ? "-" + state.asOf : ""}.${suffix}`;
$("save-png").addEventListener("click", () => download(png(cy), pictureName("png")));
$("save-svg").addEventListener("click", () =>
  download(new Blob([svg(cy)], { type: "image/svg+xml" }), pictureName("svg")));

// The start screen: the actors most claims name, to begin with.
async function suggest() {
  const rows = await api("/actors", { sort: "claims", min_claims: 1, limit: 6 });
  const actors = rows.map((row) => row.actor);
  $("suggested").replaceChildren(...actors.map((a) => {
    const button = element("button", a.name);
    button.type = "button";
    button.addEventListener("click", () => select(a).catch(report));
    const li = element("li");
    li.append(button);
    return li;
  }));
  $("suggested-none").hidden = actors.length > 0;
}

function restore() {
  $("depth").value = initial.depth;
  $("blocs").checked = initial.blocs;
  for (const input of document.querySelectorAll("#polarity input")) {
    input.checked = initial.polarity.includes(input.value);
  }
  $("min-confidence").value = initial.minConfidence;
  $("min-confidence-label").textContent = initial.minConfidence.toFixed(2);
  updateExports();
  for (const list of document.querySelectorAll(".legend")) legend(list);
  if (initial.actor) {
    return api(`/actors/${encodeURIComponent(initial.actor)}`)
      .then((a) => select(a, initial.asOf)).catch(report);
  }
  return suggest().catch(report);
}

window.explorer = { select, draw, state, map, svg: () => svg(cy), ready: restore() };
