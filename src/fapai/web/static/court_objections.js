/* The court's objections list (执行异议): each objection with its next clock; opening
   one shows its grounds and papers and the bureau's acts (ask for papers, docket,
   notify, rule, ask to pause for a third-party objection, close). The API refuses an
   act out of order or for the wrong role, citing the rule, and the form shows it. */
"use strict";

(function () {
  const f = window.fapai;
  const c = f.court;
  const names = f.data().names;
  const detail = document.getElementById("objection-detail");

  function next(item) {
    const open = item.clocks.filter((clock) => clock.state === "open" || clock.state === "overdue");
    if (!open.length) return "—";
    const first = open.sort((a, b) => a.last_day.localeCompare(b.last_day))[0];
    return `${names.clock[first.clock]} ${first.last_day}（${names.state[first.state]}）`;
  }

  /** The name a filed paper is saved under: the filer's caption is only a caption, so its
      own ending ("证据.html") and path signs never reach the clerk's disk; the ending is
      the one of the type the server checked the file's first bytes against. */
  const ENDINGS = { "application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png" };
  function savedName(item, paper) {
    const caption = paper.title.replace(/[^\p{L}\p{N}_-]+/gu, "_").slice(0, 60);
    return `${item.id}-${paper.id}-${caption}.${ENDINGS[paper.content_type] || "bin"}`;
  }

  function show(item) {
    const acts = document.getElementById("objection-acts").content.cloneNode(true);
    const root = acts.querySelector("article");
    root.dataset.objection = String(item.id);
    root.querySelector("[data-title]").textContent = `${item.id} · ${names.kind[item.kind]} · ${names.status[item.status]}`;
    root.querySelector("[data-grounds]").textContent = `${item.filer}（${names.standing[item.standing]}）：${item.grounds}`;
    root.querySelector("[data-papers]").replaceChildren(...item.papers.map((paper) => {
      const button = c.el("button", { type: "button", class: "link", text: paper.title });
      button.addEventListener("click", () => c.download(`/court/objections/${item.id}/papers/${paper.id}`, savedName(item, paper)));
      return c.el("li", {}, button);
    }));  // prettier-ignore
    const outcomes = root.querySelector("[data-outcomes]");
    Object.entries(names.outcome).forEach(([code, label]) => outcomes.append(c.el("option", { value: code, text: label })));
    const grounds = root.querySelector("[data-grounds-list]");
    Object.entries(names.ground).forEach(([code, label]) => grounds.append(c.el("option", { value: code, text: label })));
    if (item.kind !== "third_party") root.querySelector("form[data-act=pause]").hidden = true;
    // after the sale an upheld objection's final ruling files the after-sale revocation
    root.querySelector("form[data-act=revocation]").hidden = !(item.ruling && item.ruling.effect === "revocation_due");
    root.querySelectorAll("form[data-act]").forEach((form) => {
      c.wire(form, "POST", `/court/objections/${item.id}/${form.dataset.act}`, async () => {
        await load(item.id);
      });
    });
    detail.replaceChildren(root);
  }

  async function load(opened) {
    const reply = await c.api("GET", "/court/objections");
    if (!reply.ok) {
      f.notify(f.errorText(reply), "warn");
      return;
    }
    const items = reply.data.objections;
    const heads = Array.from(document.querySelectorAll("table.board thead th"), (th) => th.textContent);
    document.getElementById("objection-rows").replaceChildren(...items.map((item) => {
      const open = c.el("button", { type: "button", class: "link", text: String(item.id) });
      open.addEventListener("click", () => show(item));
      return c.el(
        "tr", { "data-objection": String(item.id) },
        c.cell(heads[0], open, "num"), c.cell(heads[1], names.kind[item.kind]), c.cell(heads[2], item.filer),
        c.cell(heads[3], item.lot_title || String(item.lot_id)), c.cell(heads[4], names.status[item.status] || item.status),
        c.cell(heads[5], next(item)),
      );
    }));  // prettier-ignore
    f.show("objections-empty", items.length === 0);
    const again = items.find((item) => item.id === opened);
    if (again) show(again);
  }

  /** The service complaints, for the office (which sets the answer's day and answers)
      and the supervisor; other roles are refused them by the API and see nothing. */
  async function complaints() {
    const reply = await c.api("GET", "/court/complaints");
    if (!reply.ok) return;
    const items = reply.data.complaints;
    const heads = Array.from(document.querySelectorAll("#complaint-table thead th"), (th) => th.textContent);
    document.getElementById("complaint-rows").replaceChildren(...items.map((item) => {
      let answer = item.response || "—";
      if (!item.response) {
        answer = document.getElementById("complaint-acts").content.cloneNode(true).querySelector("div");
        answer.querySelectorAll("form[data-act]").forEach((form) => {
          c.wire(form, "POST", `/court/complaints/${item.id}/${form.dataset.act}`, complaints);
        });
      }
      return c.el(
        "tr", { "data-complaint": String(item.id) },
        c.cell(heads[0], String(item.id), "num"), c.cell(heads[1], item.subject), c.cell(heads[2], item.body),
        c.cell(heads[3], item.contact || "—"), c.cell(heads[4], item.respond_by || "—", "num"), c.cell(heads[5], answer),
      );
    }));  // prettier-ignore
    f.show("complaints-empty", items.length === 0);
    document.getElementById("complaints").hidden = false;
  }

  c.begin(() => {
    document.getElementById("objections").hidden = false;
    load(null);
    complaints();
  });
})();
