// The timeline page: items from the JSON of #tl-data, lanes by kind or by actor, search and filters.
// Every element is built with text (textContent), never from HTML, so no text of an article can run as code.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("tl-data").textContent);
  const LANES = 25; // actor lanes drawn; the rest share "other actors"
  const byId = new Map(data.items.map(i => [i.id, i]));
  const actorLanes = data.actors.slice(0, LANES);

  const el = (tag, text) => { const e = document.createElement(tag); if (text) e.textContent = text; return e; };
  const list = document.getElementById("tl-actors");
  data.actors.forEach(a => { const o = el("option"); o.value = a; list.appendChild(o); });

  function visItem(item, id, group) {
    const classes = [item.kind.toLowerCase()];
    if (item.vague) classes.push("vague");
    if (item.status === "Planned") classes.push("planned");
    const out = {id: id, source: item.id, group: group, start: item.start, className: classes.join(" "),
                 content: item.label, type: item.end ? "range" : "point"};
    if (item.end) out.end = item.end;
    return out;
  }

  function laneItems(mode) {
    if (mode === "kind") return data.items.map(i => visItem(i, i.id, i.kind));
    const out = [];
    const lanes = new Set(actorLanes);
    for (const i of data.items) {
      const mine = i.actors.filter(a => lanes.has(a));
      if (mine.length === 0) out.push(visItem(i, i.id + "@", "other actors"));
      for (const a of mine) out.push(visItem(i, i.id + "@" + a, a));
    }
    return out;
  }

  function laneGroups(mode) {
    const names = mode === "kind" ? Object.keys(data.colours) : [...actorLanes, "other actors"];
    return names.map(n => ({id: n, content: n}));
  }

  const items = new vis.DataSet(laneItems("kind"));
  const groups = new vis.DataSet(laneGroups("kind"));
  const controls = {
    search: document.getElementById("tl-search"), lanes: document.getElementById("tl-lanes"),
    status: document.getElementById("tl-status"), actor: document.getElementById("tl-actor"),
    kinds: [...document.querySelectorAll("#tl-kinds input")],
  };

  function shown(visible) {
    const source = byId.get(visible.source);
    const kinds = new Set(controls.kinds.filter(k => k.checked).map(k => k.value));
    if (!kinds.has(source.kind)) return false;
    if (controls.status.value && source.status !== controls.status.value) return false;
    const actor = controls.actor.value.trim().toLowerCase();
    if (actor && !source.actors.some(a => a.toLowerCase() === actor)) return false;
    const words = controls.search.value.trim().toLowerCase();
    if (!words) return true;
    const text = [source.label, source.evidence, source.actors.join(" "),
                  ...source.sources.map(a => a.headline)].join(" ").toLowerCase();
    return words.split(/\s+/).every(w => text.includes(w));
  }

  const view = new vis.DataView(items, {filter: shown});

  function tooltip(visible) {
    const source = byId.get(visible.source);
    const box = el("div"); box.className = "tl-tip";
    box.appendChild(el("b", source.head));
    if (source.actors.length) box.appendChild(el("span", source.actors.join(", ")));
    if (source.detail) box.appendChild(el("div", source.detail));
    if (source.evidence) box.appendChild(el("i", source.evidence));
    for (const a of source.sources) box.appendChild(el("span", "source: " + articleText(a)));
    return box;
  }
  const articleText = a => a.headline + (a.published ? " (" + a.published + ")" : "");

  // a click shows the item's sentence and its articles, linked: what a tooltip cannot hold still
  function detail(id) {
    const box = document.getElementById("tl-detail");
    const visible = id && view.get(id);
    box.hidden = !visible;
    if (!visible) return;
    const source = byId.get(visible.source);
    document.getElementById("tl-detail-head").textContent = source.head + ": " + source.label;
    document.getElementById("tl-detail-who").textContent = source.actors.join(", ");
    document.getElementById("tl-detail-sentence").textContent = source.evidence;
    document.getElementById("tl-detail-sources").replaceChildren(...source.sources.map(a => {
      const li = el("li"); const link = el(a.url ? "a" : "span", articleText(a));
      if (a.url) { link.href = a.url; link.target = "_blank"; link.rel = "noopener"; }
      li.appendChild(link); return li; }));
  }

  const options = {
    stack: true, zoomable: true, moveable: true, orientation: "top", margin: {item: 4},
    // fits the screen, and the deals' line below it: lanes scroll
    maxHeight: Math.max(300, window.innerHeight - 215), verticalScroll: true,
    tooltip: {followMouse: true, overflowMethod: "cap", template: tooltip},
    template: (item) => el("span", item.content),
    groupOrder: (a, b) => 0,
  };
  if (data.window) { options.start = data.window.start; options.end = data.window.end; }
  const timeline = new vis.Timeline(document.getElementById("timeline"), view, groups, options);

  const count = document.getElementById("tl-count");
  function refresh() {
    view.refresh();
    const drawn = view.get();
    const used = new Set(drawn.map(i => i.group));  // a lane with nothing left in it is hidden, not left empty
    groups.update(groups.get().map(g => ({id: g.id, visible: used.has(g.id)})));
    const sources = new Set(drawn.map(i => i.source));
    count.textContent = sources.size + " of " + data.items.length + " items";
    // the deals below the timeline follow its actor filter
    if (window.kgDeals) window.kgDeals.filter({actor: controls.actor.value});
    return drawn;
  }
  // the window of what is drawn: an actor's items, all of them on screen
  function refit() {
    const drawn = refresh();
    if (!drawn.length) return;
    const times = drawn.flatMap(i => [new Date(i.start).getTime(), new Date(i.end || i.start).getTime()]);
    const low = Math.min(...times), high = Math.max(...times), pad = Math.max((high - low) / 20, 2 * 864e5);
    timeline.setWindow(new Date(low - pad), new Date(high + pad), {animation: false});
  }
  controls.lanes.addEventListener("change", () => {
    items.clear(); groups.clear();
    groups.add(laneGroups(controls.lanes.value)); items.add(laneItems(controls.lanes.value));
    refresh();
  });
  controls.search.addEventListener("input", refresh);
  controls.actor.addEventListener("input", () => {
    const actor = controls.actor.value.trim().toLowerCase();
    if (!actor) { refresh(); if (data.window) timeline.setWindow(data.window.start, data.window.end); return; }
    if (data.actors.some(a => a.toLowerCase() === actor)) refit(); else refresh();
  });
  for (const c of [controls.status, ...controls.kinds]) c.addEventListener("change", refresh);
  // the whole span, but for stray dates (a remark about 1945): those are there when zoomed out
  document.getElementById("tl-fit").addEventListener("click", () => {
    if (data.span) timeline.setWindow(data.span.start, data.span.end); else timeline.fit(); });
  timeline.on("select", p => detail(p.items[0]));
  refresh();

  window.timeline = timeline;
  window.timelineItems = view;     // what is drawn, after the filters (scripts and tests read it)
  window.timelineGroups = new vis.DataView(groups, {filter: g => g.visible !== false});
  // tells scripts (and tests) that the first layout has settled: items stop moving
  let settling;
  timeline.on("changed", () => { clearTimeout(settling); settling = setTimeout(() => { window.timelineSettled = true; }, 300); });
})();
