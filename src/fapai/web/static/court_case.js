/* A case of this court: each lot with its stage, its rounds (status, prices, window,
   platform, pause), the platform draw with its seed and re-checkable record, the
   steps taken, the documents, its photos and video, and the acts the lot's stage and
   the user's role allow (执拍分离: the acts of other roles are named, not offered).
   Every act is a form that goes to the court API; its refusal is shown as the API
   words it, with the rule. */
"use strict";

(function () {
  const f = window.fapai;
  const c = f.court;
  const page = f.data();
  const acts = page.acts;
  const sep = f.lang === "en" ? ", " : "，";
  const list = f.lang === "en" ? ", " : "、";
  const AFTER_SALE = new Set(["sold", "confirmed", "eligible", "sale_ruled", "title_notice", "delivered"]);
  let who = null;

  function slot(root, name) {
    return root.querySelector(`[data-slot="${name}"]`);
  }

  function path(template, lot) {
    return template.replace("{case}", String(page.case_id)).replace("{lot}", String(lot ? lot.id : ""));
  }

  function platformName(code) {
    return page.platforms[code] || code;
  }

  function roundName(round, kind) {
    return kind === "sale" ? f.t("round.sale") : f.t("round." + round);
  }

  function day(text) {
    return text ? f.beijing(f.parseTime(text), false) : "—";
  }

  function fen(amount) {
    return f.money(BigInt(amount));
  }

  // ---- what the lot's stage and the user's role allow ------------------------------------

  /** The facts of the newest round that decide which acts make sense now. */
  function lotState(lot) {
    const last = lot.rounds.length ? lot.rounds[lot.rounds.length - 1] : null;
    const steps = lot.steps.filter((s) => last && s.auction_id === last.auction_id);
    let pending = null;
    let lifted = false;
    let revoking = null; // a revocation after the sale awaiting the director
    for (const s of steps) {
      if (s.step === "sale_revocation_requested") revoking = s;
      else if (s.step === "sale_revoked") revoking = null;
      else if (s.step === "pause_requested") pending = s;
      else if (s.step === "pause_approved") {
        pending = null;
        lifted = false;
      } else if (s.step === "pause_lifted") lifted = true;
    }
    const draft = Boolean(last && last.status === "draft");
    const drawScheduled = steps.some((s) => s.step === "platform_draw_scheduled");
    const platformOpen = draft && !last.platform;
    return {
      last,
      pending,
      when: {
        platform: platformOpen && !drawScheduled,
        draw: platformOpen && !drawScheduled,
        draw_run: platformOpen && drawScheduled,
        notice: draft,
        arrangements: draft,
        disclosure: draft,
        sale_approval: draft && last.kind === "sale" && !steps.some((s) => s.step === "sale_approved"),
        announce: draft,
        pause: Boolean(last && (last.status === "draft" || last.status === "open") && !pending),
        approve: Boolean(pending),
        lift: !lifted,
        resume: lifted,
        eligibility: lot.house,
        sale_ruling: !(lot.house && lot.stage === "confirmed"),
        release: Boolean(last && last.round >= 2),
        revoke_sale: Boolean(last && last.status === "sold" && !revoking),
        approve_sale_revocation: Boolean(revoking),
      },
    };
  }

  /** The lot's acts now: [mine, {role: [others' acts]}]. */
  function actsNow(lot, state) {
    const mine = [];
    const others = {};
    for (const [name, act] of Object.entries(acts)) {
      if (!act.stages || !act.stages.includes(lot.stage)) continue;
      if (state.when[name] === false) continue;
      if (act.roles.includes(who.role)) mine.push(name);
      else act.roles.forEach((role) => (others[role] = [...(others[role] || []), act.label]));
    }
    return [mine, others];
  }

  function pendingText(step) {
    const d = step.details;
    return c.t("case.pending", {
      kind: f.t("status." + d.kind),
      ground: c.name("ground." + d.ground, d.ground),
      reason: d.reason,
    });
  }

  /** Messages for an act done; some name what the API returned. */
  function doneText(name, reply) {
    const data = reply.data || {};
    if (name === "terms") return c.t("done.terms", { id: data.auction_id });
    if (name === "reference_price") return c.t("done.reference", { date: data.valid_until });
    if (name === "notice") return c.t("done.notice", { date: data.served_on });
    if (name === "announce") return c.t("done.announce", { id: data.auction_id });
    if (name === "draw_run") return c.t("done.draw_run", { platform: platformName(data.platform) });
    if (name === "resume") return c.t("done.resume", { id: data.auction_id });
    return c.t("done", { act: acts[name].label });
  }

  function actForm(name, lot, state) {
    const template = document.getElementById("act-" + name);
    const form = template.content.firstElementChild.cloneNode(true);
    const pending = form.querySelector("[data-pending]");
    if (pending && state && state.pending) pending.textContent = pendingText(state.pending);
    c.wire(form, "POST", path(acts[name].path, lot), async (reply) => {
      f.notify(doneText(name, reply), "ok");
      if (name === "add_lot") {
        form.reset();
        document.getElementById("case-add-lot").open = false;
      }
      await load(lot ? lot.id : reply.data.id);
    });
    return form;
  }

  function actBlock(name, lot, state) {
    return c.el("details", { class: "act", "data-act": name }, c.el("summary", { text: acts[name].label }), actForm(name, lot, state));
  }

  // ---- what the lot shows ------------------------------------------------------------------

  function pauseText(pause) {
    if (!pause) return "—";
    const ground = pause.kind === "revoked" ? c.name("revoke." + pause.ground, pause.ground) : c.name("ground." + pause.ground, pause.ground_text || pause.ground);
    return c.t("pause.text", { kind: f.t("status." + pause.kind), ground, reason: pause.reason, at: day(pause.at) });
  }

  function roundRow(round, heads) {
    const cell = (index, value, className) => c.cell(heads[index], value, className);
    const links = round.status === "draft" ? String(round.auction_id) : c.el(
      "span",
      {},
      String(round.auction_id), " ",
      c.el("a", { href: `/court/auctions/${round.auction_id}`, text: f.t("court.watch") }), " · ",
      c.el("a", { href: `/auctions/${round.auction_id}`, text: f.t("court.open") }),
    );
    return c.el(
      "tr",
      { class: round.pause ? "paused" : null },
      cell(0, roundName(round.round, round.kind), "nowrap"),
      cell(1, links, "num"),
      cell(2, c.name("round_status." + round.status, f.t("status." + round.status)), "nowrap"),
      cell(3, f.money(round.start_price), "num right"),
      cell(4, f.money(round.deposit), "num right"),
      cell(5, c.el("span", {}, day(round.starts_at), " —", c.el("br"), day(round.ends_at)), "num"),
      cell(6, day(round.announced_at), "num"),
      cell(7, round.platform ? platformName(round.platform) : "—"),
      cell(8, pauseText(round.pause)),
    );
  }

  function stepDetail(s) {
    const d = s.details || {};
    const parts = {
      ruled: [d.ruling_number],
      sale_ruled: [d.ruling_number],
      priced: [c.name("method." + d.method, d.method), d.amount !== undefined ? fen(d.amount) : null, d.valid_until ? c.t("step.valid_until", { date: d.valid_until }) : null],
      terms: [roundName(d.round, d.kind), d.panel ? c.t("step.panel", { number: d.panel.number, members: d.panel.members.join(list) }) : null],
      notice: [c.name("notice_role." + d.role, d.role), c.name("notice_method." + d.method, d.method), c.t("step.served", { date: d.served_on })],
      platform: [platformName(d.platform), d.by === "lottery" ? c.t("step.by_lottery", { ticket: d.ticket, total: d.total }) : c.t("step.by_applicant")],
      platform_draw_scheduled: [c.name("draw_reason." + d.reason, d.reason)],
      disclosure_confirmed: [d.special_warnings ? c.t("step.warnings", { text: d.special_warnings }) : null],
      pause_requested: [f.t("status." + d.kind), c.name("ground." + d.ground, d.ground), d.reason],
      pause_approved: [f.t("status." + d.kind)],
      resumed: [d.paused ? c.t("step.paused_round", { id: d.paused }) : null],
      revoked: [c.name("revoke." + d.ground, d.ground), d.reason],
      eligibility: [d.eligible ? c.t("step.eligible") : c.t("step.ineligible"), d.evidence],
      title_notice: [d.registry],
      released: [d.reason],
      in_lieu: [d.claim !== undefined ? c.t("step.difference", { claim: fen(d.claim), difference: fen(d.difference || 0) }) : null],
    }[s.step] || [];
    return parts.filter(Boolean).join(sep);
  }

  function stepItem(s) {
    const detail = stepDetail(s);
    return c.el(
      "li",
      { "data-step": s.step },
      c.el("time", { class: "num", datetime: s.on_date, text: s.on_date }), " ",
      c.el("strong", { text: c.name("step." + s.step, s.step) }),
      detail ? c.el("span", { class: "step-detail", text: detail }) : null,
      c.el("span", { class: "muted small step-actor", text: s.actor_name || s.actor.replace(/^court_user:/, "") }),
    );
  }

  function documentsOf(lot, state, purpose) {
    const has = (name) => lot.steps.some((s) => s.step === name);
    const docs = [];
    if (has("ruled")) docs.push(["ruling_to_auction", null]);
    if (has("terms")) docs.push(["notice", "applicant"], ["notice", "debtor"], ["announcement", null]);
    if (AFTER_SALE.has(lot.stage) && state.last && state.last.status === "sold") docs.push(["confirmation_letter", null]);
    if (has("sale_ruled")) docs.push(["sale_ruling", null]);
    if (has("title_notice")) docs.push(["title_transfer_notice", null]);
    return docs.map(([kind, party]) => {
      const label = c.name("doc." + kind, kind) + (party ? c.t("doc.to_" + party) : "");
      const button = (format) => {
        const query = `?format=${format}&lang=${f.lang}${party ? "&party=" + party : ""}`;
        const name = `${kind}${party ? "-" + party : ""}-${lot.id}.${format}`;
        const b = c.el("button", { type: "button", class: "button small", "data-doc": `${kind}${party ? "-" + party : ""}-${format}`, text: format.toUpperCase() });
        b.addEventListener("click", () => c.download(`/court/lots/${lot.id}/documents/${kind}${query}&purpose=${encodeURIComponent(purpose.value)}`, name));
        return b;
      };
      const round = kind === "ruling_to_auction" || !state.last ? null : state.last.auction_id;
      const versions = (lot.issued_documents || []).filter((d) => d.kind === kind && (d.party || null) === party && d.auction_id === round);
      const item = c.el("li", { "data-document": `${kind}${party ? "-" + party : ""}` }, c.el("span", { text: label }), " ", button("pdf"), " ", button("html"));
      if (versions.length) item.append(issuedOf(lot, kind, party, round, versions, purpose));
      return item;
    });
  }

  /** The versions of a document as issued: the latest with its day (and a re-issue's
      reason), each earlier one still served as it was, and for the bureau and the office
      the form that issues it again with a reason (app/cases/issued_documents.py). */
  function issuedOf(lot, kind, party, round, versions, purpose) {
    const line = (d) => (d.reason
      ? c.t("doc.reissued", { version: d.version, date: d.issued_on, reason: d.reason, by: d.issued_by })
      : c.t("doc.issued", { version: d.version, date: d.issued_on }));
    const latest = versions[versions.length - 1];
    const box = c.el("div", { class: "issued small" }, c.el("p", { class: "muted", "data-slot": "issued-latest", text: line(latest) }));
    const earlier = versions.slice(0, -1).reverse();
    if (earlier.length) {
      box.append(c.el("p", { class: "muted", text: c.t("doc.earlier") }), c.el("ul", { class: "plain", "data-slot": "issued-earlier" }, ...earlier.map((d) => {
        const get = c.el("button", { type: "button", class: "button small", "data-version": String(d.version), text: "PDF" });
        const query = `?format=pdf&lang=${f.lang}&version=${d.version}${party ? "&party=" + party : ""}${round ? "&auction_id=" + round : ""}`;
        get.addEventListener("click", () => c.download(`/court/lots/${lot.id}/documents/${kind}${query}&purpose=${encodeURIComponent(purpose.value)}`, `${kind}${party ? "-" + party : ""}-${lot.id}-v${d.version}.pdf`));
        return c.el("li", {}, c.el("span", { text: line(d) }), " ", get);
      })));
    }
    if (!["enforcement", "auction_office"].includes(who.role)) return box;
    const reason = c.el("textarea", { name: "reason", rows: "2", maxlength: "500", required: true });
    const problem = c.el("p", { class: "error", role: "alert", "data-error": true });
    const submit = c.el("button", { type: "submit", class: "button primary small", text: c.t("doc.reissue") });
    const form = c.el("form", { class: "act-form", novalidate: true },
      c.el("label", {}, c.t("doc.reissue_reason"), reason),
      c.el("p", { class: "muted small", text: c.t("doc.reissue_hint") }), problem, submit);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      problem.textContent = "";
      if (!reason.value.trim()) {
        problem.textContent = f.t("error.required", { field: c.t("doc.reissue_reason") });
        reason.focus();
        return;
      }
      submit.disabled = true;
      const body = { reason: reason.value.trim(), purpose: purpose.value, auction_id: round };
      if (party) body.party = party;
      const reply = await c.api("POST", `/court/lots/${lot.id}/documents/${kind}/reissue`, body);
      submit.disabled = false;
      if (!reply.ok) {
        problem.textContent = f.errorText(reply);
        return;
      }
      f.notify(c.t("doc.reissue_done", { version: latest.version + 1 }), "ok");
      await load(lot.id);
    });
    box.append(c.el("details", { class: "act", "data-reissue": true }, c.el("summary", { text: c.t("doc.reissue") }), form));
    return box;
  }

  async function showDraw(box, lot) {
    const reply = await f.api("GET", `/lots/${lot.id}/platform-draw`);
    if (!reply.ok) return;
    const draw = reply.data;
    const record = draw.record; // the fapai-lottery/1 record, as fapai lottery verify reads it
    slot(box, "seed").textContent = draw.seed;
    slot(box, "commitment").textContent = draw.commitment;
    slot(box, "candidates").textContent = draw.candidates.map((k) => `${platformName(k.key)}（${k.load}）`).join(list);
    slot(box, "chosen").textContent = draw.drawn ? c.t("draw.chosen", { platform: platformName(record.chosen), ticket: record.ticket, total: record.total }) : c.t("draw.pending");
    const saveButton = slot(box, "draw-save");
    saveButton.hidden = !draw.drawn;
    saveButton.addEventListener("click", () => {
      c.save(new Blob([JSON.stringify(record, null, 2) + "\n"], { type: "application/json" }), `platform-draw-${lot.id}.json`);
    });
    box.hidden = false;
  }

  function lotSection(lot) {
    const section = document.getElementById("lot-template").content.firstElementChild.cloneNode(true);
    const state = lotState(lot);
    section.id = `lot-${lot.id}`;
    section.dataset.stage = lot.stage;
    const title = slot(section, "title");
    title.id = `lot-${lot.id}-title`;
    title.textContent = lot.title;
    section.setAttribute("aria-labelledby", title.id);
    const stage = slot(section, "stage");
    stage.className = "stage stage-" + lot.stage;
    stage.textContent = c.name("stage." + lot.stage, lot.stage_label || lot.stage);
    slot(section, "type").textContent = c.name("type." + lot.property_type, lot.property_type);
    slot(section, "house").hidden = !lot.house;
    slot(section, "reference").textContent = f.money(lot.reference_price);
    slot(section, "method").textContent = lot.reference_method ? c.name("method." + lot.reference_method, lot.reference_method) : "—";
    slot(section, "valid").textContent = lot.reference_valid_until || "—";

    const heads = Array.from(section.querySelectorAll("table.rounds thead th"), (th) => th.textContent);
    slot(section, "rounds").replaceChildren(...lot.rounds.map((round) => roundRow(round, heads)));
    slot(section, "rounds-table").hidden = lot.rounds.length === 0;
    slot(section, "no-rounds").hidden = lot.rounds.length > 0;

    if (lot.steps.some((s) => s.step === "platform_draw_scheduled")) showDraw(slot(section, "draw"), lot);
    slot(section, "steps").replaceChildren(...lot.steps.map(stepItem));
    slot(section, "no-steps").hidden = lot.steps.length > 0;
    c.materials(section, lot, who); // court_materials.js: photos, video and the report, the office's upload
    c.tasks(section, lot, who); // court_tasks.js: the designated institution's tasks (seed 003 Art 3)

    const [mine, others] = actsNow(lot, state);
    const blocks = mine.map((name) => actBlock(name, lot, state));
    if (blocks.length === 1) blocks[0].open = true;
    slot(section, "acts").replaceChildren(...blocks);
    slot(section, "acts-none").hidden = blocks.length > 0;
    slot(section, "others").textContent = Object.entries(others)
      .map(([role, labels]) => c.t("case.others", { role: c.t("role." + role), acts: labels.join(list) }))
      .join(f.lang === "en" ? "; " : "；");

    const docs = documentsOf(lot, state, slot(section, "doc-purpose"));
    slot(section, "docs").replaceChildren(...docs);
    slot(section, "no-docs").hidden = docs.length > 0;
    return section;
  }

  // ---- the case ---------------------------------------------------------------------------

  let addLotReady = false;

  function render(data) {
    document.getElementById("case-title").textContent = data.number;
    document.getElementById("case-crumb").textContent = data.number;
    document.title = `${data.number} · ${document.title.split(" · ").slice(-1)[0]}`;
    document.getElementById("case-basis").textContent = data.basis;
    document.getElementById("case-applicant").textContent = data.applicant;
    document.getElementById("case-debtor").textContent = data.debtor;
    document.getElementById("case-lot-count").textContent = String(data.lots.length);
    const addLot = document.getElementById("case-add-lot");
    if (acts.add_lot.roles.includes(who.role) && !addLotReady) {
      addLot.querySelector(".act-body").append(actForm("add_lot", null, null));
      addLot.open = data.lots.length === 0;
      addLot.hidden = false;
      addLotReady = true;
    }
    document.getElementById("lots").replaceChildren(...data.lots.map(lotSection));
    f.show("lots-empty", data.lots.length === 0);
    f.show("case", true);
  }

  async function load(focusLot) {
    const reply = await c.api("GET", `/court/cases/${page.case_id}`);
    f.show("case-loading", false);
    if (!reply.ok) {
      const problem = document.getElementById("case-problem");
      problem.textContent = f.errorText(reply);
      problem.hidden = false;
      return;
    }
    render(reply.data);
    // after an act, its lot; on arrival, the lot the address names (/court/cases/1#lot-2)
    const wanted = focusLot ? `lot-${focusLot}` : location.hash.slice(1);
    const heading = wanted ? document.getElementById(`${wanted}-title`) : null;
    if (heading) heading.focus();
  }

  c.begin((signedIn) => {
    who = signedIn;
    f.show("case-loading", true);
    load(null);
  });
})();
