/* The live panel of an auction: price, leader, countdown and bid history, kept up to
   date by the server's event stream (GET /api/v1/auctions/{id}/events). The countdown
   follows the server's clock: each snapshot, heartbeat and bid carries the server's
   time, and only the monotonic clock runs in between. */
"use strict";

(function () {
  const f = window.fapai;
  const OPEN = new Set(["upcoming", "live", "closing"]);
  const PAUSED = new Set(["postponed", "suspended"]); // still listening for the resumption
  const SOLD = new Set(["sold", "defaulted"]); // a sale, also when its buyer then defaulted
  const ENDING_SOON_MS = 5 * 60 * 1000;

  function byId(id) {
    return document.getElementById(id);
  }

  function setText(id, value) {
    const node = byId(id);
    if (node && node.textContent !== value) node.textContent = value;
  }

  function start(initial, hooks = {}) {
    const state = { s: initial.snapshot, bids: initial.bids.slice() };
    const id = state.s.id;
    f.serverClock.set(state.s.server_time);

    /** The status as of the server's time now (a page left open goes live, then ends). */
    function phase() {
      const s = state.s;
      if (!OPEN.has(s.status)) return s.status;
      const now = f.serverClock.now();
      if (now < f.parseTime(s.starts_at)) return "upcoming";
      return now < f.parseTime(s.effective_end) ? "live" : "closing";
    }

    function badge(code) {
      const slot = byId("status-badge");
      if (!slot || slot.dataset.code === code) return;
      slot.dataset.code = code;
      const span = document.createElement("span");
      span.className = "badge badge-" + code;
      span.textContent = f.t("status." + code);
      slot.replaceChildren(span);
    }

    // the labels by status, as web/pages/labels.py words them for the server's page
    function priceLabel(status) {
      if (SOLD.has(status)) return f.t("price.sold");
      if (status === "unsold") return f.t("price.unsold");
      if (status === "revoked" && state.s.price) return f.t("price.revoked");
      if (state.s.price) return f.t("price.current");
      return f.t(state.s.kind === "sale" ? "price.sale" : "price.start");
    }

    function leaderLabel(status) {
      if (SOLD.has(status)) return f.t("leader.buyer");
      return f.t(status === "revoked" ? "leader.revoked" : "leader.live");
    }

    function firstBidLabel(status) {
      if (status === "sold" || status === "defaulted") return f.t("bid." + status);
      return f.t(status === "revoked" ? "bid.highest" : "bid.leading");
    }

    function renderHistory() {
      const body = byId("history");
      if (!body) return;
      const first = firstBidLabel(state.s.status);
      const rows = state.bids.map((bid, index) => {
        const row = document.createElement("tr");
        const cells = [
          index === 0 ? first : f.t("bid.out"),
          bid.code,
          f.money(bid.amount),
          f.beijing(f.parseTime(bid.at)),
        ];
        cells.forEach((value, column) => {
          const cell = document.createElement("td");
          if (column === 1) {
            const code = document.createElement("code");
            code.textContent = value;
            cell.append(code);
          } else {
            cell.textContent = value;
          }
          if (column === 2) cell.className = "num right";
          if (column === 3) cell.className = "num";
          row.append(cell);
        });
        return row;
      });
      body.replaceChildren(...rows);
      f.show("no-bids", state.bids.length === 0);
    }

    function render() {
      const s = state.s;
      const status = phase();
      badge(status);
      setText("price-label", priceLabel(status));
      setText("price", f.money(s.price || s.start_price));
      setText("bar-price", f.money(s.price || s.start_price));
      setText("leader-label", leaderLabel(status));
      setText("leader", s.leader || "—");
      setText("end-time", f.beijing(f.parseTime(s.effective_end)));
      setText("extensions", String(s.extensions));
      setText("bid-count", String(state.bids.length));
      renderHistory();
      if (hooks.onChange) hooks.onChange(state, status);
    }

    let lastPhase = phase();
    function tick() {
      const status = phase();
      const now = f.serverClock.now();
      let label = f.t("countdown.ended");
      let value = "--:--:--";
      if (status === "upcoming") {
        label = f.t("countdown.to_start");
        value = f.duration(f.parseTime(state.s.starts_at) - now);
      } else if (status === "live") {
        label = f.t("countdown.to_end");
        value = f.duration(f.parseTime(state.s.effective_end) - now);
      } else if (!OPEN.has(status) && status !== "sold" && status !== "unsold") {
        label = f.t("status." + status);
      }
      setText("countdown-label", label);
      setText("countdown", value);
      setText("bar-countdown-label", label);
      setText("bar-countdown", value);
      f.show("countdown-line", OPEN.has(status) || PAUSED.has(status));
      if (status !== lastPhase) {
        lastPhase = status;
        render();
      }
      if (hooks.onTick) {
        const left = status === "live" ? f.parseTime(state.s.effective_end) - now : null;
        hooks.onTick(status, left);
      }
    }

    async function resync() {
      const [snapshot, history] = await Promise.all([
        f.api("GET", `/auctions/${id}`),
        f.api("GET", `/auctions/${id}/bids`),
      ]);
      if (!snapshot.ok || !history.ok) return;
      f.serverClock.set(snapshot.data.server_time);
      state.s = { ...state.s, ...snapshot.data };
      state.bids = history.data.bids;
      render();
    }

    /** An accepted bid, from the stream or from the bidder's own reply. */
    function applyBid(bid) {
      if (bid.seq <= state.s.seq) return;
      if (bid.seq !== state.s.seq + 1) {
        resync();
        return;
      }
      const before = { leader: state.s.leader, end: state.s.effective_end };
      state.s = {
        ...state.s,
        seq: bid.seq,
        price: bid.price,
        leader: bid.leader,
        effective_end: bid.effective_end,
        extensions: bid.extensions,
      };
      state.bids.unshift({ number: bid.number, code: bid.code, amount: bid.amount, at: bid.at });
      if (f.parseTime(bid.at) > f.serverClock.now()) f.serverClock.set(bid.at);
      render();
      tick();
      if (hooks.onBid) hooks.onBid(bid, before);
    }

    function connect() {
      const source = new EventSource(`/api/v1/auctions/${id}/events`);
      source.addEventListener("snapshot", (event) => {
        const snapshot = JSON.parse(event.data);
        f.serverClock.set(snapshot.server_time);
        if (snapshot.seq !== state.s.seq || snapshot.status !== state.s.status) {
          state.s = { ...state.s, ...snapshot };
          resync();
        }
      });
      source.addEventListener("bid", (event) => applyBid(JSON.parse(event.data)));
      source.addEventListener("closed", (event) => {
        const closed = JSON.parse(event.data);
        if (closed.seq <= state.s.seq) return;
        state.s = { ...state.s, seq: closed.seq, status: closed.status, price: closed.price };
        render();
        tick();
        if (hooks.onClosed) hooks.onClosed(closed);
      });
      // A pause (暂缓 / 中止, OJA Art 28) or its end changes what the page may offer: the
      // server renders the reason and the bid form, so the page reloads at once.
      for (const kind of ["paused", "resumed"]) {
        source.addEventListener(kind, () => window.location.reload());
      }
      source.addEventListener("heartbeat", (event) => {
        f.serverClock.set(JSON.parse(event.data).server_time);
      });
      return source;
    }

    render();
    tick();
    setInterval(tick, 250);
    const listening = OPEN.has(state.s.status) || PAUSED.has(state.s.status);
    const source = listening ? connect() : null;
    return { state, phase, applyBid, resync, source, endingSoonMs: ENDING_SOON_MS };
  }

  f.live = { start };
})();
