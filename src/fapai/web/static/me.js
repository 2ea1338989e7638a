/* The bidder centre (/me): the signed-in bidder's registrations, money with the bank's
   references, won lots with the balance and its due day, and the watchlist kept on the
   server. Everything is read with the bidder's own token; the page holds nothing else. */
"use strict";

(function () {
  const f = window.fapai;
  const centre = window.fapaiCentre;

  function cell(row, content, className) {
    const td = document.createElement("td");
    if (className) td.className = className;
    td.append(content);
    row.append(td);
    return td;
  }

  /** Each cell named by its column's heading: a phone shows the rows as labelled cards. */
  function labelled(body) {
    const heads = [...body.closest("table").querySelectorAll("thead th")].map((th) => th.textContent);
    for (const row of body.rows) [...row.cells].forEach((td, i) => { td.dataset.label = heads[i] || ""; });
  }

  function auctionLink(item) {
    const a = document.createElement("a");
    a.href = `/auctions/${item.auction_id}`;
    a.textContent = item.title;
    return a;
  }

  function code(text) {
    const node = document.createElement("code");
    node.textContent = text || "—";
    return node;
  }

  function registrations(items) {
    const body = document.getElementById("registration-rows");
    body.replaceChildren();
    for (const item of items) {
      const row = document.createElement("tr");
      row.dataset.auction = item.auction_id;
      cell(row, auctionLink(item));
      cell(row, code(item.code));
      cell(row, f.t("status." + item.status));
      const deposit = `${f.money(item.deposit.amount)} · ${f.t("deposit." + item.deposit.status)}`;
      cell(row, deposit, "num");
      cell(row, centre.nextText(item), "next");
      body.append(row);
    }
    labelled(body);
    f.show("no-registrations", items.length === 0);
  }

  function money(items) {
    const titles = new Map(items.map((item) => [item.auction_id, item.title]));
    const lines = items.flatMap((item) => item.money).sort((a, b) => (a.at < b.at ? 1 : -1));
    const body = document.getElementById("money-rows");
    body.replaceChildren();
    for (const line of lines) {
      const row = document.createElement("tr");
      cell(row, f.beijing(f.parseTime(line.at)), "num");
      cell(row, auctionLink({ auction_id: line.auction_id, title: titles.get(line.auction_id) || "" }));
      cell(row, f.t("money." + line.kind));
      cell(row, f.money(line.amount.replace("-", "")), "num right");
      cell(row, code(line.bank_ref), "num");
      body.append(row);
    }
    labelled(body);
    f.show("no-money", lines.length === 0);
  }

  function wins(items) {
    const won = items.filter((item) => item.won);
    const list = document.getElementById("win-items");
    list.replaceChildren();
    const template = document.getElementById("win-template");
    for (const item of won) {
      const card = template.content.firstElementChild.cloneNode(true);
      const field = (name) => card.querySelector(`[data-field="${name}"]`);
      const link = field("title");
      link.href = `/auctions/${item.auction_id}`;
      link.textContent = item.title;
      field("code").textContent = item.code;
      centre.fillWin(card, item);
      list.append(card);
    }
    f.show("wins", won.length > 0);
  }

  function watched(items) {
    const list = document.getElementById("watched-items");
    list.replaceChildren();
    for (const item of items) {
      const li = document.createElement("li");
      li.append(auctionLink(item), " · ", f.t("status." + item.status));
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "link";
      remove.textContent = f.t("watch.remove");
      remove.addEventListener("click", async () => {
        const reply = await f.api("DELETE", `/me/watchlist/${item.auction_id}`, { as: "bidder" });
        if (reply.ok) li.remove();
        else f.notify(f.t("centre.watch_failed"), "warn");
      });
      li.append(" ", remove);
      list.append(li);
    }
    f.show("no-watched", items.length === 0);
  }

  async function load() {
    if (!f.store.get("bidder")) {
      f.show("centre-loading", false);
      f.show("centre-login", true);
      return;
    }
    const reply = await f.api("GET", "/me/centre", { as: "bidder" });
    f.show("centre-loading", false);
    if (reply.status === 401) {
      f.store.set("bidder", null);
      f.show("centre-login", true);
      return;
    }
    if (!reply.ok) {
      document.getElementById("centre-error").textContent = f.errorText(reply);
      return;
    }
    registrations(reply.data.registrations);
    money(reply.data.registrations);
    wins(reply.data.registrations);
    watched(reply.data.watchlist);
    f.show("centre", true);
  }

  load();
})();
