/* The auxiliary institution's desk: sign-in (the court staff's mechanism: login, password
   and the authenticator's code), the lots entrusted to the institution with their tasks,
   the viewings to arrange, and a task's page (log a step, submit). The token stays in this
   browser's localStorage and goes out as a bearer token; every datum comes from
   /api/v1/institutions/desk, which shows only this institution's lots. */
"use strict";

(function () {
  const f = window.fapai;
  const texts = JSON.parse(document.getElementById("desk-text").textContent);
  const english = document.documentElement.lang === "en";
  const main = document.getElementById("desk-main");

  function t(key, values) {
    const text = Object.prototype.hasOwnProperty.call(texts, key) ? texts[key] : key;
    return f.t(text, values);
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  const api = (method, path, body) =>
    f.api(method, "/institutions/desk" + path, body === undefined ? { as: "institution" } : { as: "institution", body });
  const moment = (text) => (text ? text.slice(0, 16).replace("T", " ") : "—");
  const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);
  const label = (item) => (english ? capital(item.label_en) : item.label);
  const aware = (local) => (local.length === 16 ? local + ":00" : local) + "+08:00";

  async function signOut() {
    await api("DELETE", "/session");
    f.store.set("institution", null);
    location.reload();
  }

  async function begin(ready) {
    const panel = document.getElementById("desk-login");
    const form = document.getElementById("desk-login-form");
    const problem = document.getElementById("desk-login-error");
    document.getElementById("desk-signout").addEventListener("click", signOut);

    function enter(who) {
      panel.hidden = true;
      document.getElementById("desk-who-name").textContent = `${who.name}（${who.institution.name}）`;
      document.getElementById("desk-who").hidden = false;
      main.hidden = false;
      ready(who);
    }

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      problem.textContent = "";
      const reply = await f.staffSignIn(form);
      if (!reply.ok) {
        problem.textContent = f.errorText(reply);
        return;
      }
      const who = await f.api("GET", "/institutions/desk/session", { token: reply.data.token });
      if (!who.ok) {
        await f.api("DELETE", "/court/session", { token: reply.data.token });
        problem.textContent = t("not_institution");
        return;
      }
      f.store.set("institution", reply.data.token);
      enter(who.data);
    });

    if (!f.store.get("institution")) {
      panel.hidden = false;
      return;
    }
    const reply = await api("GET", "/session");
    if (!reply.ok) {
      f.store.set("institution", null);
      panel.hidden = false;
      return;
    }
    enter(reply.data);
  }

  // ---- the desk: lots, tasks, viewings ---------------------------------------------------

  function taskRow(task) {
    return el("li", { "data-task": task.id },
      el("a", { href: `/institution/tasks/${task.id}`, text: label(task) }), " · ",
      el("span", { class: "num", text: t("due", { day: task.due_on }) }), " · ",
      el("span", { class: `state state-${task.state}`, text: t("state." + task.state) }));
  }

  async function showDesk(who) {
    document.getElementById("desk-institution").textContent = who.institution.name;
    const reply = await api("GET", "");
    if (!reply.ok) return f.notify(f.errorText(reply), "warn");
    const box = document.getElementById("desk-lots");
    box.replaceChildren(...reply.data.lots.map((lot) =>
      el("article", { class: "panel", "data-lot": lot.id },
        el("h3", { text: lot.title }),
        el("p", { class: "muted small", text: `${lot.location} · ${lot.court} · ${lot.entrusted_on}` }),
        el("ul", { class: "tasks" }, ...lot.tasks.map(taskRow)))));
    const none = document.getElementById("desk-no-lots");
    none.textContent = t("no_lots");
    none.hidden = reply.data.lots.length > 0;
    await showViewings();
  }

  async function showViewings() {
    const reply = await api("GET", "/viewings");
    if (!reply.ok) return;
    const rows = document.getElementById("viewing-rows");
    const form = document.getElementById("appointment-form");
    rows.replaceChildren(...reply.data.viewings.map((v) => {
      const cell = el("td", {});
      if (v.scheduled_for) cell.append(`${moment(v.scheduled_for)} · ${v.place}`);
      else {
        const made = form.content.firstElementChild.cloneNode(true);
        made.addEventListener("submit", async (event) => {
          event.preventDefault();
          const problem = made.querySelector(".error");
          const body = { at: aware(made.elements.at.value), place: made.elements.place.value.trim() };
          const done = await api("POST", `/viewings/${v.id}/appointment`, body);
          if (!done.ok) {
            problem.textContent = f.errorText(done);
            return;
          }
          f.notify(t("scheduled"), "info");
          await showViewings();
        });
        cell.append(made);
      }
      return el("tr", { "data-viewing": v.id },
        el("td", { class: "num", text: v.reference }), el("td", { text: v.lot }),
        el("td", { class: "num", text: v.phone }), el("td", { text: v.preferred }), cell);
    }));
    const none = document.getElementById("viewing-empty");
    none.textContent = t("no_viewings");
    none.hidden = reply.data.viewings.length > 0;
  }

  // ---- a task ----------------------------------------------------------------------------

  async function showTask(who) {
    const id = main.dataset.task;
    const reply = await api("GET", `/tasks/${id}`);
    if (!reply.ok) {
      main.replaceChildren(el("p", { class: "error", text: f.errorText(reply) }));
      return;
    }
    const task = reply.data;
    document.getElementById("task-title").textContent = label(task);
    document.getElementById("task-article").textContent = task.article;
    document.getElementById("task-state").textContent = t("state." + task.state);
    document.getElementById("task-due").textContent = task.due_on;
    document.getElementById("task-assignee").textContent = task.assignee;
    document.getElementById("task-instructions").textContent = task.instructions;
    const back = document.getElementById("task-returned");
    back.hidden = task.state !== "returned";
    back.textContent = t("returned_because", { reason: task.review_note || "" });
    document.getElementById("task-log").replaceChildren(...task.log.map((entry) =>
      el("li", {}, el("span", { class: "num", text: moment(entry.happened_at) }), " ",
        el("strong", { text: label(entry) }), " ", entry.note,
        el("span", { class: "muted small", text: ` · ${entry.by}` }))));
    const noLog = document.getElementById("task-no-log");
    noLog.textContent = t("no_log");
    noLog.hidden = task.log.length > 0;
    const working = task.assignee_login === who.login && (task.state === "assigned" || task.state === "returned");
    document.getElementById("log-form").hidden = !working;
    document.getElementById("submit-form").hidden = !working;
    document.getElementById("materials-fields").hidden = task.kind !== "materials";
  }

  function wireTask(who) {
    const id = main.dataset.task;
    for (const option of document.querySelectorAll("option[data-text]")) option.textContent = t(option.dataset.text);
    const log = document.getElementById("log-form");
    log.addEventListener("submit", async (event) => {
      event.preventDefault();
      const problem = document.getElementById("log-error");
      problem.textContent = "";
      const body = { kind: log.elements.kind.value, happened_at: aware(log.elements.happened_at.value), note: log.elements.note.value.trim() };
      const reply = await api("POST", `/tasks/${id}/log`, body);
      if (!reply.ok) {
        problem.textContent = f.errorText(reply);
        return;
      }
      log.elements.note.value = "";
      f.notify(t("logged"), "info");
      await showTask(who);
    });
    const submit = document.getElementById("submit-form");
    submit.addEventListener("submit", async (event) => {
      event.preventDefault();
      const problem = document.getElementById("submit-error");
      problem.textContent = "";
      const body = { note: submit.elements.note.value.trim() };
      if (!document.getElementById("materials-fields").hidden) {
        body.photos = submit.elements.photos.value === "" ? null : Number(submit.elements.photos.value);
        body.video_seconds = submit.elements.video_seconds.value === "" ? null : Number(submit.elements.video_seconds.value);
        body.vr = submit.elements.vr.checked;
      }
      const reply = await api("POST", `/tasks/${id}/submission`, body);
      if (!reply.ok) {
        problem.textContent = f.errorText(reply);
        return;
      }
      f.notify(t("submitted"), "info");
      await showTask(who);
    });
    return showTask(who);
  }

  begin((who) => (main.dataset.task ? wireTask(who) : showDesk(who)));
})();
