// The view in the page's address, so that a view can be shared or bookmarked:
// ?actor=<id>&depth=2&polarity=1,-1&min_confidence=0.6&as_of=2016-02-24&blocs=1

const SIGNS = ["1", "-1", "0"];

export function readView(search = window.location.search) {
  const q = new URLSearchParams(search);
  const polarity = (q.get("polarity") || SIGNS.join(",")).split(",").filter((s) => SIGNS.includes(s));
  const confidence = Number(q.get("min_confidence"));
  const depth = Number(q.get("depth"));
  return {
    actor: q.get("actor") || null,
    depth: [1, 2, 3].includes(depth) ? depth : 2,
    polarity: polarity.length ? polarity : SIGNS,
    minConfidence: confidence >= 0 && confidence <= 1 ? confidence : 0,
    asOf: /^\d{4}-\d{2}-\d{2}$/.test(q.get("as_of") || "") ? q.get("as_of") : null,
    blocs: q.get("blocs") === "1",
  };
}

export function writeView(view) {
  const q = new URLSearchParams();
  if (view.actor) q.set("actor", view.actor);
  q.set("depth", view.depth);
  if (view.polarity.length < SIGNS.length) q.set("polarity", view.polarity.join(","));
  if (view.minConfidence > 0) q.set("min_confidence", view.minConfidence);
  if (view.asOf) q.set("as_of", view.asOf);
  if (view.blocs) q.set("blocs", "1");
  const address = `${window.location.pathname}?${q}`;
  if (address !== window.location.pathname + window.location.search) {
    window.history.replaceState(null, "", address);
  }
}
