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
    const text = [source.label, source.evidence, source.actors.join(" "), source.article].join(" ").toLowerCase();
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
    box.appendChild(el("span", "source: " + source.article));
    return box;
  }

  const options = {
    stack: true, zoomable: true, moveable: true, orientation: "top", margin: {item: 4},
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
  }
  controls.lanes.addEventListener("change", () => {
    items.clear(); groups.clear();
    groups.add(laneGroups(controls.lanes.value)); items.add(laneItems(controls.lanes.value));
    refresh();
  });
  for (const c of [controls.search, controls.actor]) c.addEventListener("input", refresh);
  for (const c of [controls.status, ...controls.kinds]) c.addEventListener("change", refresh);
  document.getElementById("tl-fit").addEventListener("click", () => timeline.fit());
  refresh();

  window.timeline = timeline;
  window.timelineItems = view;     // what is drawn, after the filters (scripts and tests read it)
  window.timelineGroups = new vis.DataView(groups, {filter: g => g.visible !== false});
  // tells scripts (and tests) that the first layout has settled: items stop moving
  let settling;
  timeline.on("changed", () => { clearTimeout(settling); settling = setTimeout(() => { window.timelineSettled = true; }, 300); });
})();
