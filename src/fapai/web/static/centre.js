/* The bidder's own lines about one auction, shared by the bidder centre (/me) and a
   closed auction's page: what comes next, and a won lot's balance, due day and the
   court's account, with the balance's payment order. */
"use strict";

(function () {
  const f = window.fapai;

  /** The sentence of what the bidder does or waits for next. */
  function nextText(item) {
    let text = f.t("next." + item.next);
    if (item.refund && item.next.startsWith("refund_")) {
      text = `${f.t("refund." + item.refund.state)} ${f.money(item.refund.amount)}：${text}`;
    }
    return text;
  }

  /** Fill a won lot's fields ([data-field]) and wire its 缴纳尾款 button. */
  function fillWin(node, item) {
    const field = (name) => node.querySelector(`[data-field="${name}"]`);
    const won = item.won;
    field("price").textContent = f.money(won.price);
    field("deposit_applied").textContent = f.money(won.deposit_applied);
    field("balance").textContent = f.money(won.balance);
    field("due_day").textContent = won.due_day ? f.t("centre.due_day", { day: won.due_day }) : "—";
    field("account").textContent = f.t("centre.account", { court: won.court });
    field("next").textContent = nextText(item);
    const pay = node.querySelector('[data-action="pay-balance"]');
    pay.hidden = won.paid;
    const shown = field("instructions");
    pay.onclick = async () => {
      const reply = await f.api("POST", `/auctions/${item.auction_id}/balance`, { as: "bidder" });
      shown.hidden = false;
      if (!reply.ok) {
        shown.textContent = f.errorText(reply);
        return;
      }
      const order = reply.data;
      const how = order.instructions;
      shown.textContent = f.t("centre.instructions", {
        account: how.account_name || "", bank: how.bank || "", reference: how.reference || order.order_ref,
        amount: f.money(order.amount),
      });
      if (how.pay_url) {
        const target = new URL(how.pay_url, location.href);
        target.searchParams.set("amount", order.amount);
        target.searchParams.set("back", location.pathname);
        const link = document.createElement("a");
        link.className = "button";
        link.href = target.pathname + target.search;
        link.textContent = f.t("centre.go_pay");
        shown.append(" ", link);
      }
    };
  }

  window.fapaiCentre = { nextText, fillWin };
})();
