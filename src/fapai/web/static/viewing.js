/* The public lot page's viewing request (看样, seed 003 Art 3(4)): a phone and a preferred
   time go to the lot's institution, tied to no account or bidder code (nothing about
   who asks is sent but the phone); the reference shown once reads the appointment. */
"use strict";

(function () {
  const f = window.fapai;
  const box = document.getElementById("viewing");
  if (!box) return;
  const form = document.getElementById("viewing-form");
  const problem = document.getElementById("viewing-error");
  const done = document.getElementById("viewing-done");
  form?.addEventListener("submit", async (event) => {
    event.preventDefault();
    problem.textContent = "";
    const body = { phone: form.elements.phone.value.trim(), preferred: form.elements.preferred.value.trim() };
    const reply = await f.api("POST", `/auctions/${box.dataset.auction}/viewing-requests`, { body });
    if (!reply.ok) {
      problem.textContent = f.errorText(reply);
      return;
    }
    form.reset();
    done.textContent = f.t(done.dataset.text, { reference: reply.data.reference });
    done.hidden = false;
  });
  const lookup = document.getElementById("viewing-lookup");
  const status = document.getElementById("viewing-status");
  lookup.addEventListener("submit", async (event) => {
    event.preventDefault();
    const reference = lookup.elements.reference.value.trim();
    if (!reference) return;
    const reply = await f.api("GET", `/viewing-requests/${encodeURIComponent(reference)}`);
    if (!reply.ok) {
      status.textContent = f.errorText(reply);
      return;
    }
    const at = reply.data.scheduled_for;
    status.textContent = at
      ? f.t(status.dataset.set, { at: at.slice(0, 16).replace("T", " "), place: reply.data.place })
      : status.dataset.none;
  });
})();
