/* Opening an account or signing in with its key (登录/注册), and the simulated
   bank's payment page. The key is shown once and never kept; the session's token
   is kept in this browser's localStorage only and expires on the server. */
"use strict";

(function () {
  const f = window.fapai;
  const page = f.data();

  function fields(form) {
    return Object.fromEntries(new FormData(form).entries());
  }

  function required(form, names, errorNode) {
    for (const name of names) {
      const input = form.elements[name];
      if (!input.value.trim()) {
        const label = input.closest("label");
        const field = label ? label.firstChild.textContent.trim() : name;
        errorNode.textContent = f.t("error.required", { field });
        input.focus();
        return false;
      }
    }
    return true;
  }

  // ---- 注册 / 登录 ---------------------------------------------------------------------

  const register = document.getElementById("register");
  if (register) {
    const next = page.next || "/";
    const errorNode = document.getElementById("register-error");
    register.addEventListener("submit", async (event) => {
      event.preventDefault();
      errorNode.textContent = "";
      if (!required(register, ["real_name", "id_number", "phone", "code"], errorNode)) return;
      const body = fields(register);
      const reply = await f.api("POST", "/accounts", {
        body: { real_name: body.real_name.trim(), id_number: body.id_number.trim(), phone: body.phone.trim(), code: body.code.trim() },
      });
      if (!reply.ok) {
        errorNode.textContent = f.errorText(reply);
        return;
      }
      f.store.set("bidder", reply.data.token);
      register.hidden = true;
      document.getElementById("new-token").textContent = reply.data.key;
      document.getElementById("continue").href = next;
      f.show("token-once", true);
      document.getElementById("continue").focus();
    });

    // step 1: the phone proves itself with a texted code (a simulated SMS shows it here)
    const sent = document.getElementById("code-sent");
    document.getElementById("send-code").addEventListener("click", async () => {
      errorNode.textContent = "";
      sent.textContent = "";
      if (!required(register, ["phone"], errorNode)) return;
      const reply = await f.api("POST", "/accounts/phone-code", { body: { phone: register.elements.phone.value.trim() } });
      if (!reply.ok) {
        errorNode.textContent = f.errorText(reply);
        return;
      }
      sent.textContent = reply.data.demo_code ? f.t("code.simulated", { code: reply.data.demo_code }) : f.t("code.sent");
      register.elements.code.focus();
    });

    const login = document.getElementById("login");
    const loginError = document.getElementById("login-error");
    login.addEventListener("submit", async (event) => {
      event.preventDefault();
      loginError.textContent = "";
      if (!required(login, ["token"], loginError)) return;
      const key = login.elements.token.value.trim();
      const reply = await f.api("POST", "/sessions", { body: { key } });
      if (!reply.ok) {
        loginError.textContent = f.errorText(reply);
        return;
      }
      f.store.set("bidder", reply.data.token);
      location.assign(next);
    });
  }

  // ---- the simulated bank --------------------------------------------------------------

  const pay = document.getElementById("bank-pay");
  if (pay) {
    const errorNode = document.getElementById("bank-error");
    pay.addEventListener("submit", async (event) => {
      event.preventDefault();
      errorNode.textContent = "";
      if (!required(pay, ["payer_name", "amount"], errorNode)) return;
      const fen = f.parseYuan(pay.elements.amount.value);
      if (fen === null) {
        errorNode.textContent = f.t("error.amount", { field: pay.elements.amount.closest("label").firstChild.textContent.trim() });
        return;
      }
      const reply = await f.api("POST", `/sim-bank/pay/${encodeURIComponent(page.order_ref)}`, {
        base: "",
        body: { payer_name: pay.elements.payer_name.value.trim(), amount: f.yuanText(fen) },
      });
      if (!reply.ok) {
        errorNode.textContent = f.errorText(reply);
        return;
      }
      const outcome = reply.data;
      const known = "bank.refused." + outcome.reason;
      const text =
        outcome.status === "confirmed"
          ? f.t("bank.confirmed")
          : f.t(known) !== known
            ? f.t(known)
            : f.t("bank.refused", { reason: outcome.reason });
      pay.hidden = true;
      document.getElementById("bank-outcome").textContent = text;
      f.show("bank-done", true);
      document.getElementById("bank-back").focus();
    });
  }
})();
