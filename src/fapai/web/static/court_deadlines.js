/* The deadline board (期限看板): every statutory clock of this court's cases and every
   money clock of its ledger, overdue first. An overdue row says 逾期 in words and
   carries the class "overdue", so it does not stand out by colour alone. */
"use strict";

(function () {
  const f = window.fapai;
  const c = f.court;
  const filter = document.getElementById("board-done");
  const marks = document.querySelector("table.board").dataset; // 暂定: a year not yet published
  // "OJA Art 16", "OJA Art 37(1)", or several of one law: "OJA Arts 23, 28"
  const ARTICLE = /^(.+?) Arts? (\d+(?:\(\d+\))?(?:, \d+(?:\(\d+\))?)*)(.*)$/;
  const FIGURES = "〇一二三四五六七八九";

  /** 16 → 十六, 20 → 二十, 115 → 一百一十五, 205 → 二百零五: the articles' numbers. */
  function small(n) {
    const tens = Math.floor(n / 10);
    const ones = n % 10;
    if (n < 100) return (tens > 1 ? FIGURES[tens] : "") + (tens ? "十" : "") + (ones ? FIGURES[ones] : "");
    const rest = n % 100;
    const tail = rest === 0 ? "" : rest < 10 ? "零" + FIGURES[rest] : (rest < 20 ? "一" : "") + small(rest);
    return FIGURES[Math.floor(n / 100)] + "百" + tail;
  }

  /** "OJA Art 16" → 《网络司法拍卖规定》第十六条, "OJA Arts 23, 28" → 《网络司法拍卖规定》
      第二十三条、第二十八条 for Chinese readers; the code in English. */
  function article(code) {
    if (f.lang === "en") return code;
    const match = ARTICLE.exec(code);
    if (!match) return c.name("law." + code, code);
    const law = c.name("law." + match[1], null);
    const numbered = (one) => one.replace(/^(\d+)/, (n) => `第${small(Number(n))}条`);
    return law ? law + match[2].split(", ").map(numbered).join("、") + match[3] : code;
  }

  function due(item) {
    if (item.due.length > 10) return f.beijing(f.parseTime(item.due), false);
    return item.through_day_end ? item.due + marks.dayEnd : item.due; // as the documents word it
  }

  function row(item, heads, caseOf) {
    const cell = (index, value, className) => c.cell(heads[index], value, className);
    const state = c.el("span", { class: "state state-" + item.state, text: c.name("board." + item.state, item.state) });
    const caseId = item.lot_id ? caseOf[item.lot_id] : null;
    return c.el(
      "tr",
      { class: item.state, "data-kind": item.kind },
      cell(0, state),
      cell(1, item.provisional ? c.el("span", { title: marks.provisionalTitle }, due(item), marks.provisional) : due(item), "num"),
      cell(2, c.name("clock." + item.kind, item.kind)),
      cell(3, article(item.article)),
      cell(4, caseId ? c.el("a", { href: `/court/cases/${caseId}`, text: item.case_number || "" }) : item.case_number || "—"),
      cell(5, item.title || "—"),
      cell(6, item.auction_id ? c.el("a", { href: `/court/auctions/${item.auction_id}`, text: String(item.auction_id) }) : "—", "num"),
      cell(7, item.amount ? f.money(item.amount) : "—", "num right"),
      cell(8, item.done || "—", "num"),
    );
  }

  async function show() {
    const withDone = filter.checked;
    const [board, cases] = await Promise.all([
      c.api("GET", `/court/deadlines${withDone ? "?include_done=true" : ""}`),
      c.api("GET", "/court/cases"),
    ]);
    if (!board.ok) {
      f.notify(f.errorText(board), "warn");
      return;
    }
    const caseOf = {};
    if (cases.ok) cases.data.cases.forEach((item) => item.lots.forEach((lot) => (caseOf[lot.id] = item.id)));
    const heads = Array.from(document.querySelectorAll("table.board thead th"), (th) => th.textContent);
    const rows = board.data.deadlines;
    document.getElementById("board-rows").replaceChildren(...rows.map((item) => row(item, heads, caseOf)));
    document.getElementById("board-summary").textContent = c.t("board.summary", {
      total: rows.length,
      overdue: rows.filter((item) => item.state === "overdue").length,
    });
    f.show("board-empty", rows.length === 0);
  }

  c.begin(() => {
    filter.checked = new URLSearchParams(location.search).get("done") === "1";
    filter.addEventListener("change", () => {
      const url = new URL(location.href);
      if (filter.checked) url.searchParams.set("done", "1");
      else url.searchParams.delete("done");
      history.replaceState(null, "", url.pathname + url.search);
      show();
    });
    f.show("board", true);
    show();
  });
})();
