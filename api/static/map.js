// The map beside the graph: where the selected actor's claims were acted out, on country
// outlines shipped with the package (world-atlas, drawn with d3-geo: no tile server).
// Drag a rectangle or click a country to see the graph of who acted there.

import { SIGN_COLOURS } from "./look.js";

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 380;
const HEIGHT = 230;
const DRAG_PX = 4;  // a shorter move is a click

function node(tag, attributes = {}) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
  return el;
}

// A d3.geoBounds box as the API's bbox (a box across the antimeridian takes every longitude).
function asBox([[west, south], [east, north]]) {
  const [w, e] = west <= east ? [west, east] : [-180, 180];
  return [w, south, e, north].map((v) => Number(v.toFixed(3))).join(",");
}

// The points' extent, widened to at least MIN_SPAN degrees so that nearby places keep context.
const MIN_SPAN = 8;
function around(features) {
  const lons = features.map((f) => f.geometry.coordinates[0]);
  const lats = features.map((f) => f.geometry.coordinates[1]);
  const widen = (low, high) => {
    const pad = Math.max(0, MIN_SPAN - (high - low)) / 2 + 0.5;
    return [low - pad, high + pad];
  };
  const [west, east] = widen(Math.min(...lons), Math.max(...lons));
  const [south, north] = widen(Math.min(...lats), Math.max(...lats));
  return { type: "MultiPoint", coordinates: [[west, south], [east, north]] };
}

/**
 * The map in `svgElement`. `fetchClaims(filters)` answers a GeoJSON FeatureCollection of claims;
 * `onRegion({ bbox, label })` (or `onRegion(null)`) is called when the user picks a region.
 */
export function createMap(svgElement, { fetchClaims, onRegion }) {
  svgElement.setAttribute("viewBox", `0 0 ${WIDTH} ${HEIGHT}`);
  const land = node("g", { class: "land" });
  const points = node("g", { class: "claims" });
  const band = node("rect", { class: "band", visibility: "hidden" });
  svgElement.append(land, points, band);
  const countries = fetch("/static/countries-110m.json")
    .then((r) => r.json())
    .then((atlas) => topojson.feature(atlas, atlas.objects.countries));
  let projection = d3.geoEquirectangular();
  let start = null;

  function drawLand(outlines) {
    const path = d3.geoPath(projection);
    land.replaceChildren(...outlines.features.map((f) => {
      const p = node("path", { d: path(f) || "" });
      p.append(node("title"));
      p.lastChild.textContent = f.properties.name;
      p.dataset.name = f.properties.name;
      p.feature = f;
      return p;
    }));
  }

  async function show(actorId, filters) {
    const [outlines, claims] = await Promise.all([countries, fetchClaims(filters)]);
    const mine = claims.features.filter(
      (f) => f.properties.source === actorId || f.properties.target === actorId);
    projection = d3.geoEquirectangular().fitExtent([[12, 12], [WIDTH - 12, HEIGHT - 12]],
      mine.length ? around(mine) : outlines);
    drawLand(outlines);
    points.replaceChildren(...mine.map((f) => {
      const [x, y] = projection(f.geometry.coordinates);
      const dot = node("circle", { cx: x, cy: y, r: 4, fill: SIGN_COLOURS[f.properties.sign] });
      dot.append(node("title"));
      const p = f.properties;
      dot.lastChild.textContent = `${p.source_name} ${p.type} ${p.target_name}` +
        ` · ${p.date || "undated"}` + (p.place_name ? ` · ${p.place_name}` : "");
      return dot;
    }));
    return mine.length;
  }

  const at = (event) => {
    const box = svgElement.getBoundingClientRect();
    return [(event.clientX - box.left) * WIDTH / box.width,
      (event.clientY - box.top) * HEIGHT / box.height];
  };

  svgElement.addEventListener("pointerdown", (event) => {
    start = at(event);
    svgElement.setPointerCapture(event.pointerId);
  });
  svgElement.addEventListener("pointermove", (event) => {
    if (!start) return;
    const [x, y] = at(event);
    band.setAttribute("x", Math.min(x, start[0]));
    band.setAttribute("y", Math.min(y, start[1]));
    band.setAttribute("width", Math.abs(x - start[0]));
    band.setAttribute("height", Math.abs(y - start[1]));
    band.setAttribute("visibility", "visible");
  });
  svgElement.addEventListener("pointerup", (event) => {
    if (!start) return;
    const end = at(event);
    const from = start;
    start = null;
    band.setAttribute("visibility", "hidden");
    if (Math.hypot(end[0] - from[0], end[1] - from[1]) >= DRAG_PX) {
      const [west, north] = projection.invert([Math.min(from[0], end[0]), Math.min(from[1], end[1])]);
      const [east, south] = projection.invert([Math.max(from[0], end[0]), Math.max(from[1], end[1])]);
      onRegion({ bbox: asBox([[west, south], [east, north]]), label: "the drawn box" });
      return;
    }
    const country = document.elementsFromPoint(event.clientX, event.clientY)
      .find((el) => el.feature && land.contains(el));
    if (country) {
      onRegion({ bbox: asBox(d3.geoBounds(country.feature)), label: country.dataset.name });
    }
  });

  return { show };
}
