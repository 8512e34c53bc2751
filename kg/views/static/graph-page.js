(function () {
  const kg = window.kgNetwork = {network: network, nodes: nodes, edges: edges};
  const original = {};
  nodes.forEach(n => { original[n.id] = n.color; });
  // once the layout has settled, stop the physics so the page stays still
  // (a small graph may finish its first stabilization before this script runs: "stabilized" comes later too)
  const settle = () => { if (!kg.settled) { network.setOptions({physics: false}); kg.settled = true; } };
  network.once("stabilizationIterationsDone", settle);
  network.once("stabilized", settle);
  const status = document.getElementById("kg-status");
  const actorKinds = new Set(["Person", "Organization", "Country", "Group"]);
  function visible(n) {
    const kinds = new Set(Array.from(document.querySelectorAll("input.kind:checked")).map(b => b.value));
    if (!kinds.has(n.kind)) return false;
    const from = document.getElementById("kg-from").value, to = document.getElementById("kg-to").value;
    if (!from && !to) return true;
    // with dates set, what has no date is hidden unless asked for; an actor stays with what it is part of
    if (!n.earliest && !n.latest) return actorKinds.has(n.kind) || document.getElementById("kg-undated").checked;
    if (from && (n.latest || n.earliest) < from) return false;
    if (to && (n.earliest || n.latest) > to) return false;
    return true;
  }
  function applyFilters() {
    let updates = nodes.get().map(n => ({id: n.id, hidden: !visible(n)}));
    const dated = document.getElementById("kg-from").value || document.getElementById("kg-to").value;
    if (dated && updates.some(u => !u.hidden && !actorKinds.has(nodes.get(u.id).kind))) {
      const shown = new Set(updates.filter(u => !u.hidden && !actorKinds.has(nodes.get(u.id).kind)).map(u => u.id));
      updates = updates.map(u => actorKinds.has(nodes.get(u.id).kind) && !u.hidden
        ? {id: u.id, hidden: !network.getConnectedNodes(u.id).some(x => shown.has(x))} : u);
    }
    nodes.update(updates);
    nodes.update(updates);
    // the deals listed above the graph follow the same window
    if (window.kgDeals) window.kgDeals.filter({from: document.getElementById("kg-from").value,
      to: document.getElementById("kg-to").value, undated: document.getElementById("kg-undated").checked});
    const shown = updates.filter(u => !u.hidden).length;
    status.textContent = shown + " of " + updates.length + " nodes shown";
  }
  function highlight(selected) {
    if (!selected) { nodes.update(nodes.get().map(n => ({id: n.id, color: original[n.id]}))); return; }
    const near = new Set([selected, ...network.getConnectedNodes(selected)]);
    nodes.update(nodes.get().map(n => ({id: n.id, color: near.has(n.id) ? original[n.id] : "rgba(200,200,200,0.35)"})));
  }
  const panel = document.getElementById("kg-details");
  function details(id) {
    const n = id && nodes.get(id);
    panel.hidden = !(n && n.details);
    if (panel.hidden) return;
    document.getElementById("kg-details-name").textContent = n.fullLabel;
    const list = document.getElementById("kg-details-list");
    // each item: its date and what, the sentence that states it, and its article (headline, date, link)
    list.replaceChildren(...JSON.parse(n.details).map(item => {
      const li = document.createElement("li");
      const head = document.createElement("b"); head.textContent = item.date + "  " + item.what;
      const said = document.createElement("q"); said.textContent = item.sentence;
      const where = document.createElement(item.url ? "a" : "span");
      where.className = "kg-source";
      where.textContent = item.headline + (item.published ? " (" + item.published + ")" : "");
      if (item.url) { where.href = item.url; where.target = "_blank"; where.rel = "noopener"; }
      li.append(head, " ", said, " ", where);
      return li; }));
  }
  network.on("selectNode", p => { highlight(p.nodes[0]); details(p.nodes[0]); });
  network.on("deselectNode", () => { highlight(null); details(null); });
  network.once("afterDrawing", () => { kg.drawn = true; });
  document.querySelectorAll("input.kind, #kg-from, #kg-to, #kg-undated").forEach(el => el.addEventListener("change", applyFilters));
  document.getElementById("kg-reset").addEventListener("click", () => {
    document.querySelectorAll("input.kind").forEach(b => { b.checked = true; });
    document.getElementById("kg-from").value = ""; document.getElementById("kg-to").value = "";
    applyFilters(); highlight(null); network.fit();
  });
  function find() {
    const wanted = document.getElementById("kg-search").value.trim().toLowerCase();
    const hit = nodes.get().find(n => (n.fullLabel || "").toLowerCase() === wanted)
             || nodes.get().find(n => (n.fullLabel || "").toLowerCase().includes(wanted));
    if (!wanted || !hit) { status.textContent = "no actor called " + wanted; return; }
    network.selectNodes([hit.id]); highlight(hit.id);
    network.focus(hit.id, {scale: 1.2, animation: {duration: 400}});
    status.textContent = hit.fullLabel;
  }
  document.getElementById("kg-find").addEventListener("click", find);
  document.getElementById("kg-search").addEventListener("keydown", e => { if (e.key === "Enter") find(); });
  applyFilters();
})();
