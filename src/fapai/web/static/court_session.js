/* The court desk's shared part: signing in with login, password and the authenticator's
   code (or a program token), the session's token kept in this browser's localStorage and
   sent as a bearer token, never a cookie; who is signed in and in which role; signing
   out, which ends the session on the server; the back office's texts, reading an act's form, and fetching a
   document with the token. Every court page loads it before its own script. */
"use strict";

(function () {
  const f = window.fapai;
  const textNode = document.getElementById("court-text");
  const texts = textNode ? JSON.parse(textNode.textContent) : {};

  /** A back-office text (else a shared one), with {name} placeholders filled in. */
  function t(key, values) {
    return f.t(Object.prototype.hasOwnProperty.call(texts, key) ? texts[key] : key, values);
  }

  /** A text if there is one for this key, else the fallback (an unknown code as it is). */
  function name(key, fallback) {
    return Object.prototype.hasOwnProperty.call(texts, key) ? texts[key] : fallback;
  }

  /** An element with attributes and children (text or nodes); null children are skipped. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  /** A table cell labelled by its column (a phone shows rows as labelled cards); an
      empty one ("—") is left out of the card. */
  function cell(label, value, className) {
    const classes = [className, value === "—" ? "empty" : null].filter(Boolean).join(" ");
    return el("td", { "data-label": label, class: classes || null }, value);
  }

  function api(method, path, body) {
    return f.api(method, path, body === undefined ? { as: "court" } : { as: "court", body });
  }

  /** Who the stored (or given) token belongs to: {ok, data: {login, name, role, admin,
      system_admin, court}} or a refusal. */
  function session(token) {
    return f.api("GET", "/court/session", token ? { token } : { as: "court" });
  }

  function showWho(who) {
    const bar = document.getElementById("court-who");
    if (!bar) return;
    const role = who.system_admin ? "system_admin" : who.role || (who.admin ? "admin" : "none");
    document.getElementById("court-who-name").textContent = t("who.signed_in", {
      role: t("role." + role),
      name: who.name || who.login,
    });
    const manage = document.getElementById("court-nav-admin");
    if (manage) manage.hidden = !who.admin;
    bar.hidden = false;
  }

  async function signOut() {
    await f.api("DELETE", "/court/session", { as: "court" });
    f.store.set("court", null);
    location.reload();
  }

  /** The first field a form leaves empty, named in an error; null when all are filled. */
  function missing(form, problem) {
    for (const field of form.querySelectorAll("input[required]")) {
      if (field.value.trim()) continue;
      problem.textContent = f.t("error.required", { field: field.parentElement.firstChild.textContent.trim() });
      field.focus();
      return field;
    }
    return null;
  }

  /** Sign in if needed, then ready({login, name, role, admin, system_admin, court}). A
      system administrator, who has no court, is taken to the administration page. */
  async function begin(ready, forAdmin) {
    const panel = document.getElementById("court-login");
    const form = document.getElementById("court-login-form");
    const problem = document.getElementById("court-login-error");
    const tokenForm = document.getElementById("court-token-form");
    const tokenProblem = document.getElementById("court-token-error");
    const out = document.getElementById("court-signout");
    if (out) out.addEventListener("click", signOut);

    function enter(who) {
      if (who.system_admin && !forAdmin) {
        location.assign("/court/admin");
        return;
      }
      panel.hidden = true;
      showWho(who);
      ready(who);
    }

    async function use(token, where) {
      const reply = await session(token);
      if (!reply.ok) {
        where.textContent = f.errorText(reply);
        return;
      }
      f.store.set("court", token);
      enter(reply.data);
    }

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      problem.textContent = "";
      if (missing(form, problem)) return;
      const reply = await f.staffSignIn(form);
      if (!reply.ok) {
        problem.textContent = f.errorText(reply);
        return;
      }
      await use(reply.data.token, problem);
    });

    const change = document.getElementById("court-password-form");
    const changeProblem = document.getElementById("court-password-error");
    change.addEventListener("submit", async (event) => {
      event.preventDefault();
      changeProblem.textContent = "";
      if (missing(change, changeProblem)) return;
      const body = Object.fromEntries(["login", "password", "code", "new_password"].map((name) => [name, change.elements[name].value.trim()]));
      const reply = await f.api("POST", "/court/password", { body });
      if (!reply.ok) {
        changeProblem.textContent = f.errorText(reply);
        return;
      }
      change.reset();
      document.getElementById("court-password").open = false;
      f.notify(t("password.changed"), "info");
    });

    tokenForm.addEventListener("submit", async (event) => {
      event.preventDefault();
      tokenProblem.textContent = "";
      if (missing(tokenForm, tokenProblem)) return;
      await use(tokenForm.elements.token.value.trim(), tokenProblem);
    });

    if (!f.store.get("court")) {
      panel.hidden = false;
      return;
    }
    const reply = await session(null);
    if (reply.status === 401 || reply.status === 403) {
      f.store.set("court", null);
      panel.hidden = false;
      return;
    }
    if (!reply.ok) {
      f.notify(f.errorText(reply), "warn");
      return;
    }
    enter(reply.data);
  }

  // ---- an act's form -------------------------------------------------------------------

  function beijingMoment(text) {
    return (text.length === 16 ? text + ":00" : text) + "+08:00";
  }

  function put(body, dotted, value) {
    const parts = dotted.split(".");
    let at = body;
    parts.slice(0, -1).forEach((part) => {
      at[part] = at[part] || {};
      at = at[part];
    });
    at[parts[parts.length - 1]] = value;
  }

  /** The body an act's form sends: {body} or {problem, field} for the first field that
      cannot be read (the server's own checks, which cite the rules, come after). */
  function readForm(form) {
    const body = {};
    for (const field of form.querySelectorAll("[name]")) {
      const label = field.dataset.label || field.name;
      if (field.type === "checkbox") {
        put(body, field.name, field.checked);
        continue;
      }
      const text = field.value.trim();
      if (!text) {
        if (field.required) return { problem: f.t("error.required", { field: label }), field };
        continue;
      }
      let value = text;
      const kind = field.dataset.kind;
      if (kind === "amount") {
        const fen = f.parseYuan(text);
        if (fen === null) return { problem: f.t("error.amount", { field: label }), field };
        value = f.yuanText(fen);
      } else if (kind === "int") {
        if (!/^\d{1,7}$/.test(text) || Number(text) < 1) return { problem: t("error.int", { field: label }), field };
        value = Number(text);
      } else if (kind === "lines") {
        value = text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
      } else if (field.type === "datetime-local") {
        if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(text)) return { problem: t("error.time", { field: label }), field };
        value = beijingMoment(text);
      }
      put(body, field.name, value);
    }
    return { body };
  }

  /** Wire an act's form: read it, send it, show the API's refusal exactly as it comes
      (it cites the rule), and call done(reply) on success. */
  function wire(form, method, path, done) {
    const problem = form.querySelector("[data-error]");
    const today = (f.data() || {}).today;
    form.querySelectorAll("input[data-today]").forEach((input) => {
      if (today && !input.value) input.value = today;
    });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      problem.textContent = "";
      const read = readForm(form);
      if (read.problem) {
        problem.textContent = read.problem;
        read.field.focus();
        return;
      }
      const submit = form.querySelector("button[type=submit]");
      submit.disabled = true;
      try {
        const reply = await api(method, path, read.body);
        if (!reply.ok) {
          problem.textContent = f.errorText(reply);
          return;
        }
        await done(reply);
      } finally {
        submit.disabled = false;
      }
    });
  }

  /** The name the server gives a file (Content-Disposition's filename*), or "". */
  function servedName(reply) {
    const found = /filename\*=UTF-8''([^;]+)/.exec(reply.headers.get("Content-Disposition") || "");
    return found ? decodeURIComponent(found[1]) : "";
  }

  /** A court document (PDF or HTML) fetched with the token and saved by the browser, under
   * ``filename`` or, without one, the name the server gives it. */
  async function download(path, filename) {
    const token = f.store.get("court");
    let reply;
    try {
      reply = await fetch("/api/v1" + path, { headers: { Authorization: "Bearer " + token } });
    } catch (e) {
      f.notify(f.t("error.network"), "warn");
      return;
    }
    if (!reply.ok) {
      let parsed = null;
      try {
        parsed = await reply.json();
      } catch (e) {
        parsed = null;
      }
      f.notify(t("doc.failed", { reason: f.errorText({ data: parsed }) }), "warn");
      return;
    }
    save(await reply.blob(), filename || servedName(reply));
  }

  /** Hand a file made in the page to the browser to keep. */
  function save(blob, filename) {
    const url = URL.createObjectURL(blob);
    const link = el("a", { href: url, download: filename, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  f.court = { t, name, el, cell, api, begin, readForm, wire, download, save };
})();
