/* This court's cases with their lots and each lot's stage; the bureau opens a case
   here (the parties' names are encrypted at rest; the court reads them in full, each view logged). */
"use strict";

(function () {
  const f = window.fapai;
  const c = f.court;
  const acts = f.data().acts;

  function stageBadge(lot) {
    return c.el("span", { class: "stage stage-" + lot.stage, text: c.name("stage." + lot.stage, lot.stage_label || lot.stage) });
  }

  function row(item) {
    const lots = c.el("ul", { class: "plain" }, ...item.lots.map((lot) => c.el("li", {}, c.el("a", { href: `/court/cases/${item.id}#lot-${lot.id}`, text: lot.title }), " ", stageBadge(lot))));
    const heads = Array.from(document.querySelectorAll("table.cases thead th"), (th) => th.textContent);
    return c.el(
      "tr",
      {},
      c.cell(heads[0], c.el("a", { href: `/court/cases/${item.id}`, text: item.number })),
      c.cell(heads[1], item.basis),
      c.cell(heads[2], `${item.applicant} / ${item.debtor}`),
      c.cell(heads[3], item.lots.length ? lots : "—"),
    );
  }

  async function show() {
    const reply = await c.api("GET", "/court/cases");
    if (!reply.ok) {
      f.notify(f.errorText(reply), "warn");
      return;
    }
    const items = reply.data.cases;
    document.getElementById("case-rows").replaceChildren(...items.map(row));
    f.show("cases-empty", items.length === 0);
  }

  c.begin((who) => {
    f.show("cases", true);
    if (acts.open_case.roles.includes(who.role)) {
      f.show("open-case", true);
      c.wire(document.getElementById("open-case-form"), "POST", acts.open_case.path, async (reply) => {
        location.assign(`/court/cases/${reply.data.id}`);
      });
    }
    show();
  });
})();
