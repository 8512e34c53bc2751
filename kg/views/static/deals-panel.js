// The deals panel (kg/views/templates/deals.html): the page's date window and actor filter narrow its
// deals as they narrow the rest of the page; the page's own script calls kgDeals.filter as they change.
(function () {
  "use strict";
  const panel = document.getElementById("kg-deals");
  const deals = panel ? [...panel.querySelectorAll("section.deal")] : [];
  const count = document.getElementById("kg-deals-count");
  const none = document.getElementById("kg-deals-none");
  // wanted: {from, to} (YYYY-MM-DD or ""), undated (with dates set, keep a deal that has none),
  // actor (a name, any case, or ""): a deal is kept when it names the actor and its days meet the window
  function kept(deal, wanted) {
    const actor = (wanted.actor || "").trim().toLowerCase();
    if (actor && !JSON.parse(deal.dataset.actors).some(a => a.toLowerCase() === actor)) return false;
    const from = wanted.from || "", to = wanted.to || "";
    if (!from && !to) return true;
    const first = deal.dataset.first, last = deal.dataset.last;
    if (!first) return Boolean(wanted.undated);
    if (from && last < from) return false;
    if (to && first > to) return false;
    return true;
  }
  function filter(wanted) {
    let shown = 0;
    for (const deal of deals) {
      deal.hidden = !kept(deal, wanted || {});
      if (!deal.hidden) shown += 1;
    }
    if (count) count.textContent = shown === deals.length ? String(shown) : shown + " of " + deals.length;
    if (none) none.hidden = shown > 0 || deals.length === 0;
  }
  window.kgDeals = {filter: filter};
})();
