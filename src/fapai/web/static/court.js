/* The court's desk (signing in is court_session.js): list this court's auctions
   (made only through the case workflow, court_back_office.js) and watch an
   auction live with its registrations and every bid, refused ones included. */
"use strict";

(function () {
  const f = window.fapai;

  function cell(row, value, className) {
    const td = document.createElement("td");
    if (value instanceof Node) td.append(value);
    else td.textContent = value;
    if (className) td.className = className;
    row.append(td);
    return td;
  }

  function link(href, text) {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  function code(text) {
    const node = document.createElement("code");
    node.textContent = text;
    return node;
  }

  f.court.begin(async () => {
    if (document.getElementById("court-desk")) desk(await f.api("GET", "/court/auctions?per_page=100", { as: "court" }));
    if (document.getElementById("court-watch")) watch();
  });

  // ---- the list of this court's auctions ---------------------------------------------

  function desk(reply) {
    f.show("court-desk", true);
    const items = reply.ok ? reply.data.items : [];
    if (items.length) document.getElementById("court-name").textContent = items[0].court.name;
    const live = items.filter((i) => i.status === "live").length;
    document.getElementById("desk-summary").textContent = f.t("court.summary", { total: reply.ok ? reply.data.total : 0, live });
    const rows = items.map((item) => {
      const row = document.createElement("tr");
      // a draft has no public page and no bidding to watch yet: it is worked on in its case
      const draft = item.status === "draft";
      cell(row, String(item.id), "num");
      cell(row, draft ? item.title : link(`/auctions/${item.id}`, item.title));
      cell(row, item.kind === "sale" ? f.t("round.sale") : f.t("round." + item.round));
      cell(row, f.t("status." + item.status));
      cell(row, f.money(item.price || item.start_price), "num right");
      cell(row, f.beijing(f.parseTime(item.effective_end), false), "num");
      if (draft) {
        cell(row, link("/court/cases", f.court.t("desk.draft")));
        return row;
      }
      const actions = cell(row, link(`/court/auctions/${item.id}`, f.t("court.watch")));
      actions.append(" · ", link(`/auctions/${item.id}`, f.t("court.open")));
      return row;
    });
    document.getElementById("desk-rows").replaceChildren(...rows);
    f.show("desk-empty", items.length === 0);
  }

  // ---- watching one auction --------------------------------------------------------------

  function watch() {
    const initial = f.data();
    const id = initial.snapshot.id;
    f.show("court-watch", true);
    let timer = null;

    async function refresh() {
      const [registrations, bids] = await Promise.all([
        f.api("GET", `/court/auctions/${id}/registrations`, { as: "court" }),
        f.api("GET", `/court/auctions/${id}/bids`, { as: "court" }),
      ]);
      if (registrations.ok && !registrations.data.closed) {
        // until the close the court sees counts only (docs/security.md)
        const s = registrations.data.summary;
        const row = document.createElement("tr");
        const text = f.t("court.before_close", {
          registrations: s.registrations, confirmed: s.deposits_confirmed,
          amount: f.money(s.deposits_amount),
        });
        cell(row, text).colSpan = 4;
        document.getElementById("registrations").replaceChildren(row);
      } else if (registrations.ok) {
        const rows = registrations.data.registrations.map((r) => {
          const row = document.createElement("tr");
          cell(row, code(r.code));
          cell(row, r.preemptive_rank ? f.t("court.priority", { rank: r.preemptive_rank }) : "—");
          cell(row, f.t("deposit." + r.deposit_status));
          cell(row, r.deposit_confirmed_at ? f.beijing(f.parseTime(r.deposit_confirmed_at)) : "—", "num");
          return row;
        });
        document.getElementById("registrations").replaceChildren(...rows);
      } else {
        document.getElementById("registrations").replaceChildren();
        f.notify(f.errorText(registrations), "warn");
      }
      if (bids.ok) {
        const rows = bids.data.bids.slice().reverse().map((b) => {
          const row = document.createElement("tr");
          cell(row, String(b.number), "num");
          cell(row, code(b.code));
          // an unreadable amount is shown as it was typed; the reason is the court's
          // wording, not the sentence the bidder was told
          const typed = b.reason === "invalid_amount" || b.amount === null;
          cell(row, typed ? `“${b.amount ?? ""}”` : f.money(b.amount), "num right");
          cell(row, f.beijing(f.parseTime(b.at)), "num");
          cell(row, b.accepted ? f.t("court.accepted") : f.court.t("court.refused", { reason: f.court.name("refused." + b.reason, b.reason) }));
          return row;
        });
        document.getElementById("all-bids").replaceChildren(...rows);
      }
    }

    f.live.start(initial, {
      onChange() {
        clearTimeout(timer);
        timer = setTimeout(refresh, 150);
      },
    });
  }
})();
