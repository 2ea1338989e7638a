/* fapai: what every page shares — texts, money, capital numerals, server time,
   the API, the sign-in state, the watchlist and in-page notices. Plain JavaScript,
   no framework, nothing loaded from elsewhere. */
"use strict";

(function () {
  const textNode = document.getElementById("fapai-text");
  const texts = textNode ? JSON.parse(textNode.textContent) : {};
  const lang = document.documentElement.dataset.lang || "zh";

  /** A translated text with {name} placeholders filled in. */
  function t(key, values) {
    let out = Object.prototype.hasOwnProperty.call(texts, key) ? texts[key] : key;
    for (const [name, value] of Object.entries(values || {})) {
      out = out.split("{" + name + "}").join(String(value));
    }
    return out;
  }

  function data() {
    const node = document.getElementById("fapai-data");
    return node ? JSON.parse(node.textContent) : {};
  }

  // ---- money: fen as BigInt, so every amount is exact ---------------------------

  const FULL_WIDTH = /[０-９．]/g;

  /** Yuan typed by a person ("4,242,000", "4242000.5", "４２４２０００") → fen, or null. */
  function parseYuan(text) {
    if (text === null || text === undefined) return null;
    const plain = String(text)
      .replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
      .replace(/[\s,，¥￥元]/g, "");
    const match = /^(\d{1,16})(?:\.(\d{1,2}))?$/.exec(plain);
    if (!match) return null;
    const fen = BigInt(match[1]) * 100n + BigInt(((match[2] || "") + "00").slice(0, 2));
    return fen > 0n ? fen : null;
  }

  /** An API amount ("1234.50") → fen; null when absent. */
  function apiFen(text) {
    if (text === null || text === undefined) return null;
    const [whole, cents = ""] = String(text).split(".");
    return BigInt(whole) * 100n + BigInt((cents + "00").slice(0, 2));
  }

  /** fen → "1234.50", the API's form. */
  function yuanText(fen) {
    const value = BigInt(fen);
    const cents = String(value % 100n).padStart(2, "0");
    return String(value / 100n) + "." + cents;
  }

  /** fen (or an API amount) → "¥1,234,567.89". */
  function money(amount) {
    if (amount === null || amount === undefined) return "—";
    const fen = typeof amount === "string" ? apiFen(amount) : BigInt(amount);
    const whole = String(fen / 100n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return "¥" + whole + "." + String(fen % 100n).padStart(2, "0");
  }

  const DIGITS = "零壹贰叁肆伍陆柒捌玖";
  const PLACES = ["", "拾", "佰", "仟"];

  function belowWan(n) {
    let out = "";
    let zero = false;
    for (let place = 3; place >= 0; place--) {
      const digit = Number((n / 10n ** BigInt(place)) % 10n);
      if (digit === 0) {
        zero = out !== "";
        continue;
      }
      if (zero) out += "零";
      zero = false;
      out += DIGITS[digit] + PLACES[place];
    }
    return out;
  }

  function whole(n) {
    if (n < 10000n) return belowWan(n);
    const [unit, marker] = n >= 100000000n ? [100000000n, "亿"] : [10000n, "万"];
    const high = n / unit;
    const low = n % unit;
    let out = whole(high) + marker;
    if (low > 0n) out += (low < unit / 10n ? "零" : "") + whole(low);
    return out;
  }

  /** fen → 大写, as the People's Bank rules write amounts: 10010 元 → 壹万零壹拾元整. */
  function capitalNumerals(fen) {
    const value = BigInt(fen);
    if (value < 0n) throw new RangeError("negative amount");
    const yuan = value / 100n;
    const jiao = Number((value / 10n) % 10n);
    const cents = Number(value % 10n);
    let out = yuan > 0n ? whole(yuan) + "元" : "";
    if (jiao === 0 && cents === 0) return (out || "零元") + "整";
    if (jiao) out += DIGITS[jiao] + "角";
    else if (yuan > 0n) out += "零";
    if (cents) out += DIGITS[cents] + "分";
    return out;
  }

  // ---- time: the server's clock, shown in Beijing time --------------------------

  const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/;

  /** An ISO 8601 time with an offset (microseconds allowed) → epoch milliseconds. */
  function parseTime(text) {
    const m = ISO.exec(text || "");
    if (!m) return NaN;
    const ms = Number(((m[7] || "") + "000").slice(0, 3));
    let at = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], ms);
    if (m[8] !== "Z") {
      const sign = m[8][0] === "-" ? -1 : 1;
      at -= sign * (Number(m[8].slice(1, 3)) * 60 + Number(m[8].slice(4, 6))) * 60000;
    }
    return at;
  }

  const pad = (n) => String(n).padStart(2, "0");

  /** Epoch milliseconds → "2026-12-01 10:00:00" in Beijing time, whatever the browser's zone. */
  function beijing(at, seconds = true) {
    const d = new Date(at + 8 * 3600 * 1000);
    const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
    return `${day} ${time}${seconds ? ":" + pad(d.getUTCSeconds()) : ""}`;
  }

  /** The server's time: anchored on each time the server tells, advanced by the
      monotonic clock in between, never by the browser's wall clock. */
  const serverClock = {
    anchor: NaN,
    mark: 0,
    set(text) {
      const at = parseTime(text);
      if (!Number.isNaN(at)) {
        this.anchor = at;
        this.mark = performance.now();
      }
    },
    now() {
      return this.anchor + (performance.now() - this.mark);
    },
    known() {
      return !Number.isNaN(this.anchor);
    },
  };

  /** Milliseconds → "1 天 02:03:04" / "02:03:04". */
  function duration(ms) {
    const total = Math.max(0, Math.floor(ms / 1000));
    const days = Math.floor(total / 86400);
    const clock = `${pad(Math.floor((total % 86400) / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
    return (days ? t("countdown.days", { days }) : "") + clock;
  }

  // ---- the API ------------------------------------------------------------------

  const keys = {
    bidder: "fapai.token", court: "fapai.court_token", watch: "fapai.watch",
    institution: "fapai.institution_token",
  };
  const store = {
    get(name) {
      try {
        return localStorage.getItem(keys[name]);
      } catch (e) {
        return null;
      }
    },
    set(name, value) {
      if (value === null) localStorage.removeItem(keys[name]);
      else localStorage.setItem(keys[name], value);
    },
  };

  /** One API call; never throws: {ok, status, data}, status 0 when the network failed.
      options: body (sent as JSON), as ("bidder" | "court": whose stored token), token,
      headers, base (default "/api/v1"). */
  async function api(method, path, options = {}) {
    const headers = { Accept: "application/json", ...(options.headers || {}) };
    const token = options.token || (options.as ? store.get(options.as) : null);
    if (token) headers.Authorization = "Bearer " + token;
    let body;
    if (options.body !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(options.body);
    }
    try {
      const base = options.base === undefined ? "/api/v1" : options.base;
      const reply = await fetch(base + path, { method, headers, body });
      const text = await reply.text();
      let parsed = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch (e) {
        parsed = null;
      }
      return { ok: reply.ok, status: reply.status, data: parsed };
    } catch (e) {
      return { ok: false, status: 0, data: null };
    }
  }

  /** The API's sentence for a refusal, in the page's language. */
  function errorText(reply) {
    const error = reply && reply.data && reply.data.error;
    if (!error) return t("error.network");
    return (lang === "en" ? error.message_en : error.message) || error.message || error.code;
  }

  function errorCode(reply) {
    return reply && reply.data && reply.data.error ? reply.data.error.code : null;
  }

  /** A random Idempotency-Key (works on plain-HTTP court intranets too). */
  function newKey() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return "web-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  // ---- watchlist: on the server for a signed-in bidder, else in this browser -----------

  const watchlist = {
    /** This browser's own list (nobody signed in). */
    local() {
      try {
        const items = JSON.parse(store.get("watch") || "[]");
        return Array.isArray(items) ? items.filter((i) => Number.isInteger(i.id)) : [];
      } catch (e) {
        return [];
      }
    },
    /** The watched auctions as [{id, title}]: the bidder's list kept on the server when
        signed in (it follows them to any browser), else this browser's. */
    async all() {
      if (store.get("bidder")) {
        const reply = await api("GET", "/me/watchlist", { as: "bidder" });
        if (reply.ok) return reply.data.watchlist.map((i) => ({ id: i.auction_id, title: i.title }));
      }
      return this.local();
    },
    async has(id) {
      return (await this.all()).some((i) => i.id === id);
    },
    /** Watch (on) or stop watching; whether the auction is watched afterwards, or null
        when the server could not be told. */
    async set(id, title, on) {
      if (store.get("bidder")) {
        const reply = await api(on ? "PUT" : "DELETE", `/me/watchlist/${id}`, { as: "bidder" });
        return reply.ok ? reply.data.auction_ids.includes(id) : null;
      }
      const items = this.local().filter((i) => i.id !== id);
      store.set("watch", JSON.stringify(on ? [...items, { id, title }] : items));
      return on;
    },
  };

  // ---- notices: one at a time, the newest replacing the last ----------------------
  // The auction page keeps a place for it beside the price that covers no control;
  // other pages show it as a toast. A copy ([data-notice-copy], the phone's bar) is
  // for sight only: the region itself is the one read aloud.

  let noticeTimer = null;

  function copies(text) {
    document.querySelectorAll("[data-notice-copy]").forEach((node) => {
      node.textContent = text;
      node.hidden = !text;
    });
  }

  function clearNotice() {
    const region = document.getElementById("notices");
    if (region) region.replaceChildren();
    copies("");
  }

  function notify(message, kind = "info") {
    const region = document.getElementById("notices");
    if (!region) return;
    const item = document.createElement("p");
    item.className = "notice notice-" + kind;
    item.dataset.kind = kind;
    const text = document.createElement("span");
    text.textContent = message;
    const close = document.createElement("button");
    close.type = "button";
    close.className = "notice-close";
    close.setAttribute("aria-label", t("notice.close"));
    close.title = t("notice.close");
    const cross = document.createElement("span");
    cross.setAttribute("aria-hidden", "true");
    cross.textContent = "×";
    close.append(cross);
    close.addEventListener("click", clearNotice);
    item.append(text, close);
    region.replaceChildren(item);
    copies(message);
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(clearNotice, 10000);
  }

  function show(id, visible) {
    const node = document.getElementById(id);
    if (node) node.hidden = !visible;
  }

  // ---- who is signed in ---------------------------------------------------------------

  async function renderWho() {
    const slot = document.getElementById("who");
    if (!slot || !store.get("bidder")) return;
    const reply = await api("GET", "/me", { as: "bidder" });
    if (reply.status === 401) {
      store.set("bidder", null);
      return;
    }
    if (!reply.ok) return;
    slot.textContent = "";
    const name = document.createElement("a"); // to the bidder centre
    name.className = "who-name";
    name.href = "/me";
    name.textContent = reply.data.real_name;
    name.title = t("who.me");
    const out = document.createElement("button");
    out.type = "button";
    out.className = "link";
    out.textContent = t("who.logout");
    out.addEventListener("click", async () => {
      await api("POST", "/logout", { as: "bidder" }); // the session ends on the server too
      store.set("bidder", null);
      location.reload();
    });
    slot.append(name, " ", out);
  }

  // A staff sign-in form (court or institution, one session route): the secrets are
  // cleared from the form whatever the answer.
  async function staffSignIn(form) {
    const body = {
      login: form.elements.login.value.trim(),
      password: form.elements.password.value,
      code: form.elements.code.value.trim(),
    };
    const reply = await api("POST", "/court/session", { body });
    form.elements.password.value = "";
    form.elements.code.value = "";
    return reply;
  }

  window.fapai = {
    lang, t, data, parseYuan, apiFen, yuanText, money, capitalNumerals, parseTime,
    beijing, serverClock, duration, store, api, errorText, errorCode, newKey, watchlist,
    notify, show, staffSignIn,
  };
  renderWho();
})();
