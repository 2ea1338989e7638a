/* Administration: a court administrator manages the court's staff (add, grant and revoke
   roles, end a leaver's access); a system administrator also sees every court with the
   court above it, adds courts, and picks the court whose staff to manage. Every change
   goes to the API, which records it on the trail and applies it on the next request. */
"use strict";

(function () {
  const f = window.fapai;
  const c = f.court;
  const ROLES = ["auction_office", "enforcement", "director", "supervisor", "admin"];
  let who = null;

  function heads(table) {
    return Array.from(document.querySelectorAll(`table.${table} thead th`), (th) => th.textContent);
  }

  function roleName(role) {
    return c.t("role." + role);
  }

  function chosenCourt() {
    return who.system_admin ? document.getElementById("court-select").value : null;
  }

  /** Run an administrative call; on success say so and show the staff again. */
  async function act(method, path, body, done) {
    const reply = await c.api(method, path, body);
    if (!reply.ok) {
      f.notify(f.errorText(reply), "warn");
      return;
    }
    f.notify(done, "info");
    await showStaff();
  }

  function roleCell(person) {
    const chips = person.roles.map((role) => {
      const chip = c.el("span", { class: "role-chip" }, roleName(role));
      if (!person.ended) {
        const button = c.el("button", { type: "button", class: "link", text: c.t("admin.revoke"), "aria-label": `${c.t("admin.revoke")} ${roleName(role)}` });
        button.addEventListener("click", () =>
          act("DELETE", `/court/admin/staff/${encodeURIComponent(person.login)}/roles/${role}`, undefined, c.t("admin.revoked", { name: person.name, role: roleName(role) })),
        );
        chip.append(button);
      }
      return chip;
    });
    return chips.length ? c.el("span", {}, ...chips) : "—";
  }

  /** The account's live program tokens (role, expiry), each revocable at once. */
  function tokenCell(person) {
    const live = person.tokens.filter((token) => token.live);
    if (!live.length) return "—";
    return c.el(
      "ul",
      { class: "plain" },
      ...live.map((token) => {
        const button = c.el("button", { type: "button", class: "link", text: c.t("admin.revoke"), "aria-label": `${c.t("admin.revoke")} #${token.id}` });
        button.addEventListener("click", () => act("DELETE", `/court/admin/tokens/${token.id}`, undefined, c.t("admin.token_revoked", { id: token.id })));
        const until = c.t("admin.token", { id: token.id, role: roleName(token.scope), until: f.beijing(f.parseTime(token.expires_at), false) });
        return c.el("li", {}, until, " ", button);
      }),
    );
  }

  function actions(person) {
    if (person.ended) return "—";
    const missing = ROLES.filter((role) => !person.roles.includes(role));
    const select = c.el("select", { "aria-label": `${c.t("admin.grant")} ${person.name}` }, ...missing.map((role) => c.el("option", { value: role, text: roleName(role) })));
    const grant = c.el("button", { type: "button", class: "button", text: c.t("admin.grant") });
    grant.addEventListener("click", () =>
      act("POST", `/court/admin/staff/${encodeURIComponent(person.login)}/roles`, { role: select.value }, c.t("admin.granted", { name: person.name, role: roleName(select.value) })),
    );
    const end = c.el("button", { type: "button", class: "button", text: c.t("admin.end") });
    end.addEventListener("click", () => {
      if (!window.confirm(c.t("admin.end_confirm", { name: person.name }))) return;
      act("POST", `/court/admin/staff/${encodeURIComponent(person.login)}/end`, undefined, c.t("admin.ended_done", { name: person.name }));
    });
    return c.el("span", { class: "row-actions" }, missing.length ? select : null, missing.length ? grant : null, " ", end);
  }

  function staffRow(person, labels) {
    const state = person.ended ? c.t("admin.ended") : person.locked ? c.t("admin.locked") : c.t("admin.active");
    return c.el(
      "tr",
      { class: person.ended ? "ended" : null, "data-login": person.login },
      c.cell(labels[0], person.name),
      c.cell(labels[1], c.el("code", { text: person.login })),
      c.cell(labels[2], roleCell(person)),
      c.cell(labels[3], state),
      c.cell(labels[4], tokenCell(person)),
      c.cell(labels[5], actions(person)),
    );
  }

  async function showStaff() {
    const court = chosenCourt();
    const reply = await c.api("GET", "/court/admin/staff" + (court ? `?court=${encodeURIComponent(court)}` : ""));
    if (!reply.ok) {
      f.notify(f.errorText(reply), "warn");
      return;
    }
    const labels = heads("staff");
    document.getElementById("staff-rows").replaceChildren(...reply.data.staff.map((person) => staffRow(person, labels)));
  }

  async function showCourts() {
    const reply = await c.api("GET", "/court/admin/courts");
    if (!reply.ok) {
      f.notify(f.errorText(reply), "warn");
      return;
    }
    const labels = heads("courts");
    const courts = reply.data.courts;
    const nameOf = Object.fromEntries(courts.map((court) => [court.code, court.name]));
    document.getElementById("court-rows").replaceChildren(
      ...courts.map((court) =>
        c.el("tr", {}, c.cell(labels[0], "　".repeat(court.depth) + court.name), c.cell(labels[1], c.el("code", { text: court.code })), c.cell(labels[2], court.region), c.cell(labels[3], court.parent ? nameOf[court.parent] : "—")),
      ),
    );
    const options = () => courts.map((court) => c.el("option", { value: court.code, text: court.name }));
    const parent = document.getElementById("court-parent");
    parent.replaceChildren(parent.options[0], ...options());
    const select = document.getElementById("court-select");
    const kept = select.value;
    select.replaceChildren(...options());
    if (kept) select.value = kept;
    f.show("court-pick", courts.length > 0);
  }

  function wireAddStaff() {
    const form = document.getElementById("add-staff-form");
    const problem = form.querySelector("[data-error]");
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      problem.textContent = "";
      const read = c.readForm(form);
      if (read.problem) {
        problem.textContent = read.problem;
        read.field.focus();
        return;
      }
      const body = { login: read.body.login, name: read.body.name, roles: [read.body.role, read.body.admin ? "admin" : null].filter(Boolean) };
      const court = chosenCourt();
      if (court) body.court = court;
      const reply = await c.api("POST", "/court/admin/staff", body);
      if (!reply.ok) {
        problem.textContent = f.errorText(reply);
        return;
      }
      form.reset();
      for (const key of ["login", "password", "secret", "uri"]) {
        document.getElementById("handover-" + key).textContent = reply.data[key === "secret" ? "totp_secret" : key === "uri" ? "totp_uri" : key];
      }
      f.show("handover", true);
      await showStaff();
    });
  }

  c.begin(async (signedIn) => {
    who = signedIn;
    if (!who.admin) {
      f.show("admin-refused", true);
      return;
    }
    f.show("admin", true);
    wireAddStaff();
    if (who.system_admin) {
      f.show("courts-panel", true);
      c.wire(document.getElementById("add-court-form"), "POST", "/court/admin/courts", async () => {
        const name = document.querySelector("#add-court-form [name=name]").value;
        document.getElementById("add-court-form").reset();
        f.notify(c.t("admin.court_added", { name }), "info");
        await showCourts();
      });
      document.getElementById("court-select").addEventListener("change", showStaff);
      await showCourts();
    }
    await showStaff();
  }, true);
})();
