/* The home page: a new sort applies at once, and the watchlist (the auctions the
   bidder follows — kept on the server when signed in, else in this browser — with their
   state now, and a notice for those about to end). */
"use strict";

(function () {
  const f = window.fapai;
  const sort = document.querySelector(".search select[name=sort]");
  if (sort) sort.addEventListener("change", () => sort.form.requestSubmit());

  const panel = document.getElementById("watchlist");
  const list = document.getElementById("watch-items");

  async function row(item) {
    const li = document.createElement("li");
    const link = document.createElement("a");
    link.href = `/auctions/${item.id}`;
    link.textContent = item.title;
    const state = document.createElement("span");
    state.className = "muted num";
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "link";
    remove.textContent = f.t("watch.remove");
    remove.addEventListener("click", async () => {
      const now = await f.watchlist.set(item.id, item.title, false);
      if (now === null) f.notify(f.t("centre.watch_failed"), "warn");
      if (now !== false) return;
      li.remove();
      if (!list.children.length) panel.hidden = true;
    });
    li.append(link, " ", state, " ", remove);
    const reply = await f.api("GET", `/auctions/${item.id}`);
    if (reply.ok) {
      const s = reply.data;
      const price = f.money(s.price || s.start_price);
      const left = f.parseTime(s.effective_end) - f.parseTime(s.server_time);
      let when = "";
      if (s.status === "live") when = `${f.t("countdown.to_end")} ${f.duration(left)}`;
      if (s.status === "upcoming") {
        when = `${f.t("countdown.to_start")} ${f.duration(f.parseTime(s.starts_at) - f.parseTime(s.server_time))}`;
      }
      state.textContent = `${f.t("status." + s.status)} · ${price} ${when}`;
      if (s.status === "live" && left <= 5 * 60 * 1000) {
        f.notify(f.t("notice.watch_ending", { title: s.title }), "warn");
      }
    }
    return li;
  }

  async function show() {
    const items = await f.watchlist.all();
    if (!panel || items.length === 0) return;
    panel.hidden = false;
    list.replaceChildren(...(await Promise.all(items.map(row))));
  }

  show();
})();
