/* The objector's desk (执行异议): filing an objection with its papers, following its
   clocks and reading the rulings, as the signed-in account; and the public complaint
   form. Every refusal is shown as the API words it (it cites the rule). */
"use strict";

(function () {
  const f = window.fapai;
  const page = f.data();
  const names = page.names;
  const list = document.getElementById("my-objection-list");
  const words = list.dataset;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "text") node.textContent = value;
      else node.setAttribute(key, value);
    }
    children.filter((child) => child !== null).forEach((child) => node.append(child));
    return node;
  }

  function options(select, group) {
    select.replaceChildren(...Object.entries(names[group]).map(([code, label]) => el("option", { value: code, text: label })));
  }

  /** One paper, its type the file's: the server checks the type by the first bytes. */
  async function sendPaper(number, file) {
    try {
      const reply = await fetch(`/api/v1/objections/${number}/papers?title=${encodeURIComponent(file.name.slice(0, 100))}`, {
        method: "POST",
        headers: { Authorization: "Bearer " + f.store.get("bidder"), "Content-Type": file.type || "application/octet-stream" },
        body: file,
      });
      if (reply.ok) return { ok: true };
      return { ok: false, data: await reply.json().catch(() => null) };
    } catch (e) {
      return { ok: false, status: 0, data: null };
    }
  }

  async function download(number, kind) {
    let reply;
    try {
      reply = await fetch(`/api/v1/objections/${number}/documents/${kind}?lang=${f.lang}`, {
        headers: { Authorization: "Bearer " + f.store.get("bidder") },
      });
    } catch (e) {
      f.notify(f.t("error.network"), "warn");
      return;
    }
    if (!reply.ok) {
      f.notify(f.errorText({ data: await reply.json().catch(() => null) }), "warn");
      return;
    }
    const url = URL.createObjectURL(await reply.blob());
    const link = el("a", { href: url, download: `objection-${number}-${kind}.pdf`, hidden: "" });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  function card(item) {
    const clocks = el(
      "table", { class: "board stack" },
      el("tbody", {}, ...item.clocks.map((clock) => el(
        "tr", { class: clock.state },
        el("td", { text: names.clock[clock.clock] || clock.clock }),
        el("td", { class: "num", text: `${words.lastDay} ${clock.last_day}` }),
        el("td", { text: names.state[clock.state] || clock.state }),
      ))),
    );  // prettier-ignore
    const ruling = item.ruling
      ? el("p", { class: "ruling", text: `${words.ruling}：${names.outcome[item.ruling.outcome] || item.ruling.outcome}。${item.ruling.reason}` })
      : null;
    const docs = el("p", {});
    if (item.steps.some((s) => s.step === "docket")) {
      const button = el("button", { type: "button", class: "link", text: words.notice });
      button.addEventListener("click", () => download(item.id, "notice"));
      docs.append(button, " ");
    }
    if (item.ruling) {
      const button = el("button", { type: "button", class: "link", text: words.rulingDoc });
      button.addEventListener("click", () => download(item.id, "ruling"));
      docs.append(button);
    }
    const node = el(
      "article", { class: "panel objection", "data-objection": String(item.id), "data-status": item.status },
      el("h3", { text: `${item.id} · ${names.kind[item.kind]} · ${names.status[item.status] || item.status}` }),
      el("p", { class: "muted small", text: `${words.lot}：${item.lot_title || item.lot_id}（${item.article}）` }),
      el("p", { class: "small", text: words.clocks }), clocks, ruling, docs,
    );  // prettier-ignore
    if (item.status === "awaiting_papers") node.append(supplement(item));
    if (item.status === "ruled" && item.kind === "execution_act") node.append(reconsider(item));
    return node;
  }

  function supplement(item) {
    const input = el("input", { type: "file", multiple: "", accept: page.types.join(",") });
    const problem = el("p", { class: "error", role: "alert" });
    const button = el("button", { type: "button", class: "button small", text: words.supplement });
    button.addEventListener("click", async () => {
      for (const file of input.files) {
        const sent = await sendPaper(item.id, file);
        if (!sent.ok) {
          problem.textContent = f.errorText(sent);
          return;
        }
      }
      await refresh();
    });
    return el("div", {}, input, button, problem);
  }

  function reconsider(item) {
    const grounds = el("textarea", { rows: "3", maxlength: "5000", "aria-label": words.reconsiderGrounds });
    const problem = el("p", { class: "error", role: "alert" });
    const button = el("button", { type: "button", class: "button small", text: words.reconsider });
    button.addEventListener("click", async () => {
      const reply = await f.api("POST", `/objections/${item.id}/reconsideration`, { as: "bidder", body: { grounds: grounds.value.trim() } });
      if (!reply.ok) {
        problem.textContent = f.errorText(reply);
        return;
      }
      await refresh();
    });
    return el("div", {}, grounds, button, problem);
  }

  async function refresh() {
    const reply = await f.api("GET", "/objections", { as: "bidder" });
    if (!reply.ok) {
      f.notify(f.errorText(reply), "warn");
      return;
    }
    const items = reply.data.objections;
    list.replaceChildren(...items.map(card));
    f.show("my-objections-empty", items.length === 0);
  }

  const form = document.getElementById("objection-form");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const problem = document.getElementById("objection-error");
    const done = document.getElementById("objection-done");
    problem.textContent = "";
    done.textContent = "";
    const files = Array.from(document.getElementById("objection-papers").files);
    const fields = Object.fromEntries(new FormData(form).entries());
    const lot = Number(String(fields.lot_id).trim());
    const body = { lot_id: Number.isInteger(lot) && lot > 0 ? lot : 0, kind: fields.kind, standing: fields.standing, filer: fields.filer.trim(), grounds: fields.grounds };
    const reply = await f.api("POST", "/objections", { as: "bidder", body });
    if (!reply.ok) {
      problem.textContent = f.errorText(reply);
      return;
    }
    const number = reply.data.id;
    for (const file of files) {
      const sent = await sendPaper(number, file);
      if (!sent.ok) problem.textContent = f.errorText(sent);
    }
    form.reset();
    done.textContent = words.filed.replace("%(number)s", number);
    await refresh();
  });

  const complaint = document.getElementById("complaint-form");
  complaint.addEventListener("submit", async (event) => {
    event.preventDefault();
    const problem = document.getElementById("complaint-error");
    const done = document.getElementById("complaint-done");
    problem.textContent = "";
    done.textContent = "";
    const fields = Object.fromEntries(new FormData(complaint).entries());
    const auction = String(fields.auction_id).trim();
    const body = { court: fields.court.trim(), subject: fields.subject.trim(), body: fields.body.trim(), contact: fields.contact.trim() || null };
    if (auction) body.auction_id = /^\d{1,10}$/.test(auction) ? Number(auction) : 0;
    const reply = await f.api("POST", "/complaints", { body });
    if (!reply.ok) {
      problem.textContent = f.errorText(reply);
      return;
    }
    complaint.reset();
    done.textContent = words.complained.replace("%(number)s", reply.data.id);
  });

  options(document.getElementById("objection-kind"), "kind");
  options(document.getElementById("objection-standing"), "standing");
  if (f.store.get("bidder")) {
    f.show("objection-file", true);
    f.show("my-objections", true);
    refresh();
  } else {
    f.show("objection-signin", true);
  }
})();
