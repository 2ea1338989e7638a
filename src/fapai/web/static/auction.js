/* The bidder's side of an auction page: registration with the special-warning
   acknowledgement, the deposit, the bid form with its confirmation in figures and
   大写, refusals in words, the watchlist and the outbid / ending-soon notices. */
"use strict";

(function () {
  const f = window.fapai;
  const initial = f.data();
  const id = initial.snapshot.id;
  let live = null; // started last, once everything its hooks use exists
  const me = { code: null, deposit: null };
  const form = document.getElementById("act-bid");
  const amountInput = document.getElementById("amount");
  const bidError = document.getElementById("bid-error");
  const message = document.getElementById("act-message");
  const dialog = document.getElementById("confirm");
  const PANELS = ["act-loading", "act-login", "act-register", "act-deposit", "act-bid", "act-closed"];
  const CLOSED = new Set(["sold", "unsold", "defaulted", "in_lieu", "revoked"]);
  const payButton = document.getElementById("pay");
  const payLabel = payButton.textContent;
  let pending = null; // {fen, key}: the bid being confirmed or retried
  let warnedEnding = false;
  let lastStatus = null;

  function only(panel) {
    PANELS.forEach((name) => f.show(name, name === panel));
  }

  function say(text) {
    message.textContent = text || "";
  }

  // ---- what the bidder may do now ------------------------------------------------

  async function loadRegistration() {
    const status = live.phase();
    if (!f.store.get("bidder")) {
      only(CLOSED.has(status) ? "act-closed" : "act-login");
      return;
    }
    const reply = await f.api("GET", `/auctions/${id}/registration`, { as: "bidder" });
    if (reply.status === 401) {
      f.store.set("bidder", null);
      only("act-login");
      return;
    }
    if (reply.status === 404) {
      me.code = null; // the page exists, so it is the registration that does not
    } else if (reply.ok) {
      me.code = reply.data.code;
      me.deposit = reply.data.deposit_status;
    } else {
      say(f.errorText(reply));
      only(null);
      return;
    }
    showActions();
  }

  function showActions() {
    const status = live.phase();
    document.querySelectorAll(".my-code").forEach((node) => (node.textContent = me.code || ""));
    if (CLOSED.has(status) || status === "closing") {
      only("act-closed");
      if (me.code) loadOutcome();
    } else if (!me.code) {
      only(openForRegistration(status) ? "act-register" : null);
    } else if (me.deposit === "confirmed" || me.deposit === "exempt") {
      document.querySelector(".deposit-state").textContent = f.t("deposit." + me.deposit);
      only("act-bid");
      updateHint();
    } else {
      document.getElementById("deposit-status").textContent = f.t("deposit." + me.deposit);
      payButton.textContent = me.deposit === "pending" ? f.t("deposit.pay_again") : payLabel;
      only("act-deposit");
    }
    const bidding = status === "live";
    form.querySelectorAll("button, input").forEach((node) => (node.disabled = !bidding));
    if (!bidding && me.code) document.getElementById("bid-hint").textContent = f.t("bid.not_started");
    markLeader();
  }

  // ---- after the close: the bidder's own outcome (the bidder centre's entry) ------------

  async function loadOutcome() {
    const reply = await f.api("GET", `/me/centre/${id}`, { as: "bidder" });
    if (!reply.ok) return;
    const item = reply.data;
    const box = document.getElementById("my-outcome");
    if (item.won) window.fapaiCentre.fillWin(box, item);
    else document.getElementById("my-next").textContent = window.fapaiCentre.nextText(item);
    f.show("my-win", Boolean(item.won));
    box.hidden = false;
  }

  function openForRegistration(status) {
    return status === "upcoming" || status === "live";
  }

  document.getElementById("act-register").addEventListener("submit", async (event) => {
    event.preventDefault();
    const acknowledged = document.getElementById("acknowledge").checked;
    const reply = await f.api("POST", `/auctions/${id}/registration`, {
      as: "bidder",
      body: { acknowledge_special_warnings: acknowledged, funds: document.getElementById("funds").value },
    });
    if (!reply.ok) {
      say(f.errorText(reply));
      return;
    }
    say("");
    me.code = reply.data.code;
    me.deposit = reply.data.deposit_status;
    f.notify(f.t("register.done", { code: me.code }), "ok");
    showActions();
  });

  payButton.addEventListener("click", async () => {
    const reply = await f.api("POST", `/auctions/${id}/deposit`, { as: "bidder" });
    if (!reply.ok) {
      say(f.errorText(reply));
      if (f.errorCode(reply) === "deposit_already_paid") loadRegistration();
      return;
    }
    const order = reply.data;
    const target = new URL(order.instructions.pay_url, location.href);
    target.searchParams.set("amount", order.amount);
    target.searchParams.set("back", location.pathname);
    location.assign(target.pathname + target.search);
  });

  document.getElementById("refresh").addEventListener("click", loadRegistration);

  // ---- the bid form -----------------------------------------------------------------

  function minimum() {
    const s = live.state.s;
    return s.price ? f.apiFen(s.price) + f.apiFen(s.increment) : f.apiFen(s.start_price);
  }

  function updateHint() {
    if (live.phase() !== "live") return;
    document.getElementById("bid-hint").textContent = f.t("bid.minimum", { amount: f.money(minimum()) });
  }

  form.querySelectorAll("[data-steps]").forEach((button) => {
    button.addEventListener("click", () => {
      const s = live.state.s;
      const base = f.apiFen(s.price || s.start_price);
      const fen = base + BigInt(button.dataset.steps) * f.apiFen(s.increment);
      amountInput.value = f.yuanText(fen);
      bidError.textContent = "";
      pending = null;
      amountInput.focus();
    });
  });

  amountInput.addEventListener("input", () => {
    pending = null;
    bidError.textContent = "";
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const fen = f.parseYuan(amountInput.value);
    if (fen === null) {
      bidError.textContent = f.t("bid.enter_amount");
      amountInput.focus();
      return;
    }
    if (!pending || pending.fen !== fen) pending = { fen, key: f.newKey() };
    document.getElementById("confirm-figures").textContent = f.money(fen);
    document.getElementById("confirm-capital").textContent = f.t("bid.capital_prefix") + f.capitalNumerals(fen);
    dialog.returnValue = "";
    dialog.showModal();
  });

  dialog.addEventListener("close", () => {
    if (dialog.returnValue === "ok" && pending) send(pending);
    else amountInput.focus();
  });

  async function send(bid) {
    const submit = document.getElementById("bid-submit");
    submit.disabled = true;
    bidError.textContent = "";
    const reply = await f.api("POST", `/auctions/${id}/bids`, {
      as: "bidder",
      headers: { "Idempotency-Key": bid.key },
      body: { amount: f.yuanText(bid.fen) },
    });
    submit.disabled = live.phase() !== "live";
    if (reply.ok) {
      pending = null;
      const placed = reply.data.bid;
      const s = live.state.s;
      live.applyBid({
        ...placed,
        price: placed.amount,
        leader: placed.code,
        effective_end: placed.effective_end,
        extensions: s.extensions + (placed.extended ? 1 : 0),
      });
      // the stream may have brought a higher bid before this reply: say what holds now
      const now = live.state.s;
      if (now.leader === me.code) f.notify(f.t("bid.sent", { amount: f.money(placed.amount) }), "ok");
      else f.notify(f.t("notice.outbid", { amount: f.money(now.price), code: now.leader }), "warn");
      amountInput.value = "";
      return;
    }
    if (reply.status === 0 || reply.status >= 500) {
      bidError.textContent = f.t("bid.retry"); // same key: the retry cannot bid twice
      return;
    }
    pending = null;
    if (reply.status === 401) f.store.set("bidder", null);
    const code = f.errorCode(reply);
    let text = f.errorText(reply);
    if (code === "too_low" || code === "below_start" || code === "off_increment") {
      text += " " + f.t("bid.minimum", { amount: f.money(minimum()) });
    }
    bidError.textContent = text;
    if (code === "no_deposit" || code === "not_registered") loadRegistration();
  }

  // ---- live hooks: notices and the leader mark --------------------------------------

  function markLeader() {
    const leading = me.code !== null && live.state.s.leader === me.code;
    f.show("me-leading", leading);
  }

  function onChange() {
    if (!live) return;
    if (me.code !== null) markLeader();
    if (form && !form.hidden) updateHint();
  }

  /** One notice for what this bid changed for the bidder: outbid, the end moved, or both. */
  function onBid(bid, before) {
    const time = f.beijing(f.parseTime(bid.effective_end));
    const extended = bid.extended && bid.leader !== me.code;
    if (me.code && before.leader === me.code && bid.leader !== me.code) {
      const outbid = f.t("notice.outbid", { amount: f.money(bid.price), code: bid.leader });
      f.notify(extended ? outbid + f.t("notice.moved", { time }) : outbid, "warn");
    } else if (extended) {
      f.notify(f.t("notice.extended", { time }), "info");
    }
  }

  function onTick(status, left) {
    if (!live) return;
    if (status !== lastStatus) {
      lastStatus = status;
      showActions();
      showBar();
    }
    if (status === "live" && left !== null && left <= live.endingSoonMs) {
      if (!warnedEnding) {
        warnedEnding = true;
        f.notify(f.t("notice.ending"), "warn");
      }
    } else if (left !== null && left > live.endingSoonMs + 1000) {
      warnedEnding = false;
    }
  }

  function onClosed(closed) {
    if (closed.status !== "sold" && closed.status !== "unsold") {
      window.location.reload(); // revoked by the court: the server words the page
      return;
    }
    const link = document.getElementById("result-link");
    if (link && closed.status === "sold") link.textContent = link.dataset.sold;
    const outcome = closed.status === "sold" ? `${f.t("status.sold")} ${f.money(closed.price)}` : f.t("status." + closed.status);
    f.notify(f.t("notice.closed", { outcome }), "info");
    showActions();
  }

  // ---- the watchlist ---------------------------------------------------------------------

  const watch = document.getElementById("watch");
  function showWatch(on) {
    watch.setAttribute("aria-pressed", String(on));
    watch.textContent = on ? watch.dataset.on : watch.dataset.off;
  }
  const watchers = document.getElementById("watcher-count");
  watch.addEventListener("click", async () => {
    const on = watch.getAttribute("aria-pressed") !== "true";
    const onServer = Boolean(f.store.get("bidder")); // only the server's list is counted
    const now = await f.watchlist.set(id, initial.snapshot.title, on);
    if (now === null) {
      f.notify(f.t("centre.watch_failed"), "warn");
      return;
    }
    if (onServer && now === on) watchers.textContent = String(Number(watchers.textContent) + (on ? 1 : -1));
    showWatch(now);
  });
  f.watchlist.has(id).then(showWatch);

  // ---- 围观次数: this view, counted once a day per browser (web/page_views.py) -----------

  f.api("POST", `/auctions/${id}/views`).then((reply) => {
    if (reply.ok && reply.data) document.getElementById("view-count").textContent = String(reply.data.view_count);
  });

  // ---- the phone's bar: price, countdown and 出价 while the bid box is out of view ----

  const bar = document.getElementById("phone-bar");
  const actions = document.getElementById("actions");
  let actionsInView = true;
  function showBar() {
    const status = live ? live.phase() : null;
    bar.hidden = actionsInView || !openForRegistration(status);
  }
  if ("IntersectionObserver" in window) {
    new IntersectionObserver((entries) => {
      actionsInView = entries[entries.length - 1].isIntersecting;
      showBar();
    }).observe(actions);
  }
  document.getElementById("bar-bid").addEventListener("click", (event) => {
    event.preventDefault();
    actions.scrollIntoView({ block: "center" });
    if (!form.hidden && !amountInput.disabled) amountInput.focus({ preventScroll: true });
  });

  live = f.live.start(initial, { onBid, onTick, onClosed, onChange });
  lastStatus = live.phase();
  loadRegistration();
})();
