/* The published database's complaint form (seed 003 Art 24's hotline): anyone may
   complain about an institution; the complaint goes to the court keeping its database.
   Every refusal is shown as the API words it. */
"use strict";

(function () {
  const f = window.fapai;
  const form = document.getElementById("institution-complaint-form");
  if (!form) return;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const problem = document.getElementById("institution-complaint-error");
    const done = document.getElementById("institution-complaint-done");
    problem.textContent = "";
    done.textContent = "";
    const fields = Object.fromEntries(new FormData(form).entries());
    const body = { subject: fields.subject.trim(), body: fields.body.trim(), contact: fields.contact.trim() || null };
    const reply = await f.api("POST", `/institutions/${encodeURIComponent(fields.institution)}/complaints`, { body });
    if (!reply.ok) {
      problem.textContent = f.errorText(reply);
      return;
    }
    form.reset();
    done.textContent = form.dataset.complained.replace("%(number)s", reply.data.id);
  });
})();
