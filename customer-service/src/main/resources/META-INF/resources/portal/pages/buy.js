// Upgrade & buy IM credits: the change → its quote, line by line, and how long it holds → Update License (one
// Idempotency-Key per quote, so a double click or a reload charges once) → the order's progress to the end.
import { api } from '../api.js';
import { badge, field, formMessage, h, input, money, onSubmit, select, when } from '../ui.js';

const POLL_MS = 1000;

export async function buySection(customer) {
  const [subscription, catalog, balance] = await Promise.all([
    api('subscriptions', `/api/customers/${customer.id}/subscription`),
    api('subscriptions', '/api/plans'),
    api('credits', `/api/customers/${customer.id}/credits`).catch(() => null),
  ]);
  const credits = catalog.addOns.find((a) => a.kind === 'PREPAID');
  const creditPrice = credits?.prices.find((p) => p.currency === subscription.currency)?.perUnit;
  const quantityOf = new Map((subscription.addOns || []).map((a) => [a.code, a.quantity]));
  const extras = catalog.addOns.filter((a) => a.kind !== 'PREPAID');

  const form = h('form', { class: 'card-form', 'data-draft': `buy-${customer.id}`, novalidate: true },
    h('h2', {}, 'Buy IM credits'),
    field('IM credits to buy', input('imCredits', { type: 'number', min: 0, max: credits?.maxQuantity, value: 0 }),
      credits ? `${credits.minQuantity}–${credits.maxQuantity} per order; one credit buys ${money(creditPrice)} of balance, plus a ${credits.feePercent}% fee` : null),
    h('fieldset', {}, h('legend', {}, 'Upgrade the license (optional)'),
      field('Plan', select('planCode', catalog.plans.map((p) => [p.code, p.name]), subscription.planCode)),
      field('Agents', input('agents', { type: 'number', min: 1, value: subscription.agents })),
      extras.map((a) => field(a.name, input(`addOn.${a.code}`, {
        type: 'number', min: 0, max: a.maxQuantity, value: quantityOf.get(a.code) ?? 0,
      }), a.kind === 'POSTPAID' ? 'billed after use, at the end of each period' : 'recurring per unit, prorated for the rest of this period'))),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Check the values')));
  const quoteBox = h('div', { class: 'quote-box', 'aria-live': 'polite' });

  onSubmit(form, async (fields) => {
    // only what changes: the rest of the license stays as it is
    const change = {};
    if (fields.planCode !== subscription.planCode) change.planCode = fields.planCode;
    if (fields.agents !== undefined && Number(fields.agents) !== subscription.agents) change.agents = Number(fields.agents);
    const addOns = extras.map((a) => ({ code: a.code, quantity: Number(fields[`addOn.${a.code}`] ?? 0) }))
      .filter((a) => a.quantity !== (quantityOf.get(a.code) ?? 0));
    if (addOns.length) change.addOns = addOns;
    if (Number(fields.imCredits ?? 0) !== 0) change.imCredits = Number(fields.imCredits);
    if (Object.keys(change).length === 0) {
      formMessage(form, 'Nothing changes yet: choose IM credits to buy, or another plan, agents or add-ons.');
      return;
    }
    const quote = await api('subscriptions', `/api/customers/${customer.id}/quotes`, { method: 'POST', body: change });
    quoteBox.replaceChildren(quoteView(customer, quote));
    quoteBox.querySelector('h2').focus();
  });

  return [
    h('dl', { class: 'facts summary' },
      h('dt', {}, 'Plan'), h('dd', {}, `${subscription.planCode}, ${subscription.agents} agents, billed ${subscription.billingCycle.toLowerCase()}`),
      h('dt', {}, 'Standing'), h('dd', {}, badge(subscription.standing)),
      h('dt', {}, 'Card'), h('dd', {}, subscription.cardOnFile ? 'On file' : h('a', { href: `#/customers/${customer.id}/card` }, 'None: add a card first')),
      h('dt', {}, 'IM credits'), h('dd', { id: 'balance' }, balance ? [money(balance.available), ' ', badge(balance.status)] : '–')),
    h('div', { class: 'buy-layout' }, form, quoteBox),
  ];
}

/** The seed's "check the values again": each line with its calculation, the fee, the total and the quote's validity. */
function quoteView(customer, quote) {
  const key = `portal.confirm.${quote.id}`;
  const confirmForm = h('form', { class: 'confirm' },
    h('button', { type: 'submit', class: 'primary' }, `Update License: pay ${money(quote.total)}`));
  onSubmit(confirmForm, async () => {
    // one key per quote, kept for this tab: a second click or a reload sends the same one, and billing charges once
    const idempotencyKey = sessionStorage.getItem(key) || crypto.randomUUID();
    sessionStorage.setItem(key, idempotencyKey);
    const order = await api('subscriptions', `/api/customers/${customer.id}/license-updates`, {
      method: 'POST', headers: { 'Idempotency-Key': idempotencyKey }, body: { quoteId: quote.id },
    });
    location.hash = `#/customers/${customer.id}/orders/${order.id}`;
  });
  const minutes = Math.max(0, Math.round((new Date(quote.expiresAt) - Date.now()) / 60000));
  return h('div', { class: 'quote' },
    h('h2', { tabindex: -1 }, 'Check the values'),
    h('table', { class: 'list lines' },
      h('thead', {}, h('tr', {}, ['Item', 'Quantity', 'Unit price', 'Amount'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, quote.lines.map((line) => h('tr', {},
        h('td', { 'data-label': 'Item' }, line.description, line.calculation ? h('div', { class: 'sub' }, line.calculation) : null),
        h('td', { 'data-label': 'Quantity', class: 'number' }, line.quantity),
        h('td', { 'data-label': 'Unit price', class: 'number' }, money(line.unitPrice)),
        h('td', { 'data-label': 'Amount', class: 'number' }, money(line.amount))))),
      h('tfoot', {},
        h('tr', {}, h('th', { colspan: 3, scope: 'row' }, 'Subtotal'), h('td', { class: 'number' }, money(quote.subtotal))),
        h('tr', {}, h('th', { colspan: 3, scope: 'row' }, 'Fee'), h('td', { class: 'number' }, money(quote.fee))),
        h('tr', { class: 'total' }, h('th', { colspan: 3, scope: 'row' }, 'Total'), h('td', { class: 'number', id: 'quote-total' }, money(quote.total))))),
    quote.proration ? h('p', { class: 'sub' }, `Prorated for ${quote.proration.daysLeft} of ${quote.proration.daysInPeriod} days of the current period.`) : null,
    h('p', { class: 'valid' }, `These prices hold until ${when(quote.expiresAt)} (${minutes} minute${minutes === 1 ? '' : 's'}); after that, check the values again.`),
    confirmForm);
}

const REASONS = {
  DECLINED: ['The card was declined.', 'Put another card on file, then buy again.'],
  INSUFFICIENT_FUNDS: ['The card has insufficient funds.', 'Use another card, or try again once funds are available.'],
  EXPIRED_CARD: ['The card on file has expired.', 'Put a valid card on file, then buy again.'],
  NO_CARD: ['There is no card on file.', 'Add a card, then buy again.'],
  GATEWAY_UNAVAILABLE: ['The payment provider could not be reached.', 'Nothing was charged; try again in a few minutes.'],
  PAYMENT_TIMEOUT: ['The payment did not complete in time.', 'Any money taken is refunded; try again.'],
  AMOUNT_MISMATCH: ['The payment did not match the order total.', 'It is refunded; try again.'],
};

/** An order's progress, followed until it is COMPLETED (with the credits granted) or FAILED (with what to do). */
export async function orderSection(customer, orderId) {
  const status = h('div', { class: 'order-status', role: 'status', 'aria-live': 'polite' });
  const box = h('div', { class: 'order', 'data-order': orderId }, h('h2', {}, 'Order'), status);
  const render = (order, grant) => {
    const lines = h('ul', { class: 'order-lines' }, order.lines.map((l) => h('li', {}, `${l.description}: ${money(l.amount)}`)));
    if (order.status === 'PENDING_PAYMENT') {
      status.replaceChildren(h('div', {}, h('p', { class: 'pending' }, badge(order.status), ' Charging the card… this page follows the order.'), lines));
    } else if (order.status === 'COMPLETED') {
      status.replaceChildren(h('div', {},
        h('p', { class: 'form-message ok', id: 'order-done' }, 'Add-ons / upgrades updated successfully.'), lines,
        h('p', {}, `Paid ${money(order.total)}. `, order.invoiceId
          ? h('a', { href: `#/customers/${customer.id}/invoices/${order.invoiceId}` }, 'See the invoice') : null),
        order.imCredits > 0 ? h('p', { id: 'order-credits' }, grant
          ? `${order.imCredits} IM credits added: the balance is now ${money(grant.balanceAfter)}.`
          : `${order.imCredits} IM credits are being added to the balance…`) : null));
    } else {
      const [what, next] = REASONS[order.failureReason] || [order.failureMessage || order.failureReason, 'Check the card, then buy again.'];
      status.replaceChildren(h('div', {},
        h('p', { class: 'form-message error', id: 'order-failed', 'data-reason': order.failureReason }, `The order failed: ${what}`),
        h('p', {}, next, ' ', h('a', { href: `#/customers/${customer.id}/card` }, 'Change Card'), ' · ',
          h('a', { href: `#/customers/${customer.id}/buy` }, 'Buy again')),
        order.refund ? h('p', {}, `Refund: ${order.refund.toLowerCase()}.`) : null, lines));
    }
  };
  let started = false;
  const follow = async () => {
    if (!box.isConnected && started) return; // the partner went elsewhere
    started = true;
    const order = await api('subscriptions', `/api/license-updates/${orderId}`);
    let grant = null;
    if (order.status === 'COMPLETED' && order.imCredits > 0) {
      const ledger = await api('credits', `/api/customers/${customer.id}/credits/ledger?type=GRANT&size=20`);
      grant = ledger.items.find((entry) => entry.reference === `order:${orderId}`) || null;
    }
    render(order, grant);
    if (order.status === 'PENDING_PAYMENT' || (order.status === 'COMPLETED' && order.imCredits > 0 && !grant)) {
      setTimeout(() => follow().catch((error) => status.append(h('p', { class: 'form-message error' }, error.message))), POLL_MS);
    }
  };
  await follow();
  return box;
}
