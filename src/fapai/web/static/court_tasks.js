/* A lot's tasks for its designated auxiliary institution on the court's desk (seed 003
   Art 3, Art 6(8)): each task with its kind, due day, assignee, state, the steps the
   institution logged and its report; for the auction office the form that gives a task
   and, on a submitted one, acceptance or sending back with the reason. Other roles read.
   Everything goes through /court/lots/{id}/institution-tasks (app/institutions/tasks.py);
   a refusal is shown as the API words it. */
"use strict";

(function () {
  const f = window.fapai;
  const c = f.court;
  const sep = f.lang === "en" ? "; " : "；";

  function slot(root, name) {
    return root.querySelector(`[data-slot="${name}"]`);
  }

  function time(text) {
    return text ? f.beijing(f.parseTime(text), false) : "";
  }

  function label(item) {
    return f.lang === "en" ? item.label_en : item.label;
  }

  function reportText(report) {
    const parts = [report.note];
    if (report.photos !== undefined) parts.push(c.t("task.report_counts", { photos: report.photos, seconds: report.video_seconds }));
    if (report.vr) parts.push("VR");
    return parts.filter(Boolean).join(sep);
  }

  function logItem(entry) {
    return c.el(
      "li",
      { "data-log": String(entry.id) },
      c.el("time", { class: "num", datetime: entry.happened_at, text: time(entry.happened_at) }), " ",
      c.el("strong", { text: label(entry) }), " ",
      c.el("span", { text: entry.note }),
      entry.by ? c.el("span", { class: "muted small", text: ` ${entry.by}` }) : null,
    );
  }

  /** Accept, or send back with a reason: POST /court/institutions/tasks/{id}/review. */
  function reviewForm(task, reload) {
    const reason = c.el("textarea", { name: "reason", rows: "2", maxlength: "500" });
    const problem = c.el("p", { class: "error", role: "alert", "data-error": true });
    const accept = c.el("button", { type: "button", class: "button primary small", "data-review": "accept", text: c.t("task.accept") });
    const back = c.el("button", { type: "button", class: "button small", "data-review": "return", text: c.t("task.return") });
    async function send(ok) {
      problem.textContent = "";
      if (!ok && !reason.value.trim()) {
        problem.textContent = f.t("error.required", { field: c.t("task.return_reason") });
        reason.focus();
        return;
      }
      accept.disabled = back.disabled = true;
      const reply = await c.api("POST", `/court/institutions/tasks/${task.id}/review`, { accept: ok, reason: reason.value.trim() });
      accept.disabled = back.disabled = false;
      if (!reply.ok) {
        problem.textContent = f.errorText(reply);
        return;
      }
      f.notify(c.t(ok ? "task.accepted" : "task.returned"), "ok");
      await reload();
    }
    accept.addEventListener("click", () => send(true));
    back.addEventListener("click", () => send(false));
    return c.el("div", { class: "act-form" }, accept, c.el("label", {}, c.t("task.return_reason"), reason), problem, back);
  }

  function taskItem(task, office, reload) {
    const head = c.t("task.head", { due: task.due_on, assignee: task.assignee || "—" });
    const item = c.el(
      "li",
      { class: "task", "data-task": String(task.id), "data-state": task.state },
      c.el("p", {}, c.el("strong", { text: label(task) }), " ",
        c.el("span", { class: "tag", "data-slot": "task-state", text: c.t("task.state." + task.state) }), " ",
        c.el("span", { class: "small", text: head })),
      c.el("p", { class: "small", text: task.instructions }),
    );
    if (task.review_note) item.append(c.el("p", { class: "small", text: c.t("task.review_note", { reason: task.review_note }) }));
    if (task.log && task.log.length) {
      item.append(c.el("p", { class: "muted small", text: c.t("task.log") }), c.el("ul", { class: "plain small", "data-slot": "task-log" }, ...task.log.map(logItem)));
    }
    if (task.report) {
      item.append(c.el("p", { class: "small", "data-slot": "task-report", text: c.t("task.report", { at: time(task.submitted_at), text: reportText(task.report) }) }));
    }
    if (office && task.state === "submitted") item.append(reviewForm(task, reload));
    return item;
  }

  /** Give a task: POST /court/lots/{id}/institution-tasks. */
  function giveForm(lot, data, reload) {
    const kind = c.el("select", { name: "kind" }, ...data.kinds.map((k) => c.el("option", { value: k.kind, text: label(k) })));
    const instructions = c.el("textarea", { name: "instructions", rows: "3", maxlength: "2000" });
    const due = c.el("input", { type: "date", name: "due_on" });
    const assignee = c.el("select", { name: "assignee" }, ...data.staff.map((s) => c.el("option", { value: s.login, text: s.name })));
    const announce = c.el("input", { type: "date", name: "announce_on" });
    const announceLabel = c.el("label", { hidden: true }, c.t("task.announce_on"), announce,
      c.el("span", { class: "hint", text: c.t("task.announce_hint") }));
    kind.addEventListener("change", () => (announceLabel.hidden = kind.value !== "notify_parties"));
    const problem = c.el("p", { class: "error", role: "alert", "data-error": true });
    const submit = c.el("button", { type: "submit", class: "button primary small", text: c.t("task.give") });
    const form = c.el("form", { class: "act-form", novalidate: true },
      c.el("label", {}, c.t("task.kind"), kind),
      c.el("label", {}, c.t("task.instructions"), instructions),
      c.el("label", {}, c.t("task.due_on"), due),
      c.el("label", {}, c.t("task.assignee"), assignee),
      announceLabel, problem, submit);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      problem.textContent = "";
      for (const [input, field] of [[instructions, "task.instructions"], [due, "task.due_on"], [assignee, "task.assignee"]]) {
        if (!input.value.trim()) {
          problem.textContent = f.t("error.required", { field: c.t(field) });
          input.focus();
          return;
        }
      }
      const body = { kind: kind.value, instructions: instructions.value.trim(), due_on: due.value, assignee: assignee.value };
      if (kind.value === "notify_parties" && announce.value) body.announce_on = announce.value;
      submit.disabled = true;
      const reply = await c.api("POST", `/court/lots/${lot.id}/institution-tasks`, body);
      submit.disabled = false;
      if (!reply.ok) {
        problem.textContent = f.errorText(reply);
        return;
      }
      f.notify(c.t("task.given"), "ok");
      await reload();
    });
    return c.el("details", { class: "act", "data-task-give": true }, c.el("summary", { text: c.t("task.give") }), form);
  }

  /** Art 17: what an earlier institution still owes back, and the office's record of it. */
  function owedBlock(lot, data, office, reload) {
    if (!data.files_owed.length) return "";
    const lines = data.files_owed.map((o) => c.el("li", {}, c.t("task.files_owed", { name: o.institution, due: o.files_due })));
    const box = c.el("div", { class: "small", "data-owed": true }, c.el("ul", { class: "plain" }, ...lines));
    if (!office) return box;
    const problem = c.el("p", { class: "error", role: "alert", "data-error": true });
    const button = c.el("button", { type: "button", class: "button small", "data-files-returned": true, text: c.t("task.files_returned") });
    button.addEventListener("click", async () => {
      problem.textContent = "";
      button.disabled = true;
      const reply = await c.api("POST", `/court/lots/${lot.id}/institution-files-return`, {});
      button.disabled = false;
      if (!reply.ok) {
        problem.textContent = f.errorText(reply);
        return;
      }
      f.notify(c.t("task.files_returned_done"), "ok");
      await reload();
    });
    box.append(button, problem);
    return box;
  }

  /** Fill the lot's tasks section; hidden when no institution is designated. */
  async function tasks(section, lot, who) {
    const box = slot(section, "tasks-section");
    const reply = await c.api("GET", `/court/lots/${lot.id}/institution-tasks`);
    if (!reply.ok) return;
    const data = reply.data;
    if (!data.institution && !data.tasks.length && !data.files_owed.length) {
      box.hidden = true;
      return;
    }
    const office = who.role === "auction_office";
    const reload = () => tasks(section, lot, who);
    slot(box, "tasks-institution").textContent = data.institution ? c.t("task.institution", { name: data.institution.name }) : "";
    slot(box, "tasks").replaceChildren(...data.tasks.map((t) => taskItem(t, office, reload)));
    slot(box, "no-tasks").hidden = data.tasks.length > 0;
    slot(box, "files-owed").replaceChildren(owedBlock(lot, data, office, reload));
    slot(box, "task-give").replaceChildren(office && data.institution ? giveForm(lot, data, reload) : "");
    box.hidden = false;
  }

  c.tasks = tasks;
})();
