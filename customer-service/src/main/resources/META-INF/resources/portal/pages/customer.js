// Manage a customer: the seed's Manage menu (Customer Details, Large Deal, Change / Remove Card, buy IM credits and
// Update License), its invoices and its IM credits, one section at a time.
import { api } from '../api.js';
import { badge, day, field, formMessage, h, input, money, onSubmit, select, when } from '../ui.js';
import { buySection, orderSection } from './buy.js';
import { creditsSection } from './credits.js';
import { invoiceSection, invoicesSection } from './invoices.js';

const SECTIONS = [
  ['details', 'Customer Details'], ['deals', 'Large Deal'], ['card', 'Card'], ['buy', 'Upgrade & buy IM credits'],
  ['invoices', 'Invoices'], ['credits', 'IM credits'],
];

export async function customerPage(id, section, item, params) {
  const customer = await api('customers', `/api/customers/${id}`);
  const render = {
    details: () => detailsSection(customer),
    deals: () => dealsSection(customer),
    card: () => cardSection(customer),
    buy: () => buySection(customer, params),
    orders: () => orderSection(customer, item),
    invoices: () => (item ? invoiceSection(customer, item) : invoicesSection(customer)),
    credits: () => creditsSection(customer, params),
  }[section];
  if (!render) {
    location.hash = `#/customers/${id}`;
    return null;
  }
  const content = await render();
  const current = section === 'orders' ? 'buy' : section;
  return [
    h('p', { class: 'crumbs' }, h('a', { href: '#/customers' }, 'Customers'), ' › ', customer.companyName),
    h('h1', {}, customer.companyName, ' ', badge(customer.status)),
    h('nav', { class: 'tabs', 'aria-label': 'Manage' }, SECTIONS.map(([key, label]) => h('a', {
      href: `#/customers/${id}${key === 'details' ? '' : `/${key}`}`, 'aria-current': key === current ? 'page' : null,
    }, label))),
    h('section', { class: 'section' }, content),
  ];
}

/** Customer Details: edited with the version read; a concurrent edit is shown, never overwritten. */
function detailsSection(customer) {
  const text = (name, label, attrs = {}) => field(label, input(name, { value: customer[name] ?? '', ...attrs }));
  const form = h('form', { class: 'card-form', 'data-draft': `details-${customer.id}`, novalidate: true },
    h('h2', {}, 'Customer Details'),
    text('companyName', 'Company name', { required: true, autocomplete: 'organization' }),
    text('contactName', 'Contact name', { required: true, autocomplete: 'name' }),
    text('email', 'Email', { type: 'email', required: true, autocomplete: 'email' }),
    text('phone', 'Phone', { type: 'tel', autocomplete: 'tel' }),
    text('country', 'Country (ISO code)', { maxlength: 2, autocomplete: 'country' }),
    text('deskOrgId', 'Desk organisation id'),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Plan'), h('dd', {}, `${customer.planCode}, ${customer.agents} agents`),
      h('dt', {}, 'Payer'), h('dd', {}, customer.payer === 'PARTNER' ? 'Partner (reseller card)' : 'Customer'),
      h('dt', {}, 'Updated'), h('dd', {}, when(customer.updatedAt))),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Save details')));
  onSubmit(form, async (fields) => {
    try {
      const saved = await api('customers', `/api/customers/${customer.id}`, {
        method: 'PUT', headers: { 'If-Match': `"${customer.version}"` },
        body: { companyName: fields.companyName, contactName: fields.contactName, email: fields.email,
          phone: fields.phone ?? null, country: fields.country, deskOrgId: fields.deskOrgId ?? null },
      });
      Object.assign(customer, saved);
      formMessage(form, 'Saved.', 'ok');
    } catch (error) {
      if (error.status !== 409) throw error;
      formMessage(form, ['This customer was changed meanwhile by someone else; nothing was saved. ',
        h('button', { type: 'button', class: 'link', onclick: () => window.dispatchEvent(new HashChangeEvent('hashchange')) },
          'Reload to see the changes'), ' (what you typed here is then replaced).'], 'error');
    }
  });
  return form;
}

/** Large Deal: the estimate form and the customer's deals with their status. */
async function dealsSection(customer) {
  const [deals, catalog, partner] = await Promise.all([
    api('customers', `/api/customers/${customer.id}/deals`),
    api('subscriptions', '/api/plans'),
    api('customers', '/api/partners/me').catch(() => ({ currency: 'USD' })),
  ]);
  const form = h('form', { class: 'card-form', 'data-draft': `deal-${customer.id}`, novalidate: true },
    h('h2', {}, 'Submit a large deal'),
    field('Plan', select('planCode', catalog.plans.map((p) => [p.code, p.name]), customer.planCode)),
    field('Agents', input('agents', { type: 'number', min: 1, required: true })),
    field('IM credits', input('imCredits', { type: 'number', min: 0, required: true })),
    field(`Estimated value (${partner.currency})`, input('estimatedValue.amount', { inputmode: 'decimal', required: true })),
    field('Expected close date', input('expectedCloseDate', { type: 'date', required: true })),
    field('Notes', h('textarea', { name: 'notes', rows: 3, maxlength: 2000 })),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Submit deal')));
  const list = h('div', {}, dealTable(deals));
  onSubmit(form, async (fields) => {
    await api('customers', `/api/customers/${customer.id}/deals`, {
      method: 'POST',
      body: { planCode: fields.planCode, agents: fields.agents ?? null, imCredits: fields.imCredits ?? null,
        estimatedValue: { amount: fields['estimatedValue.amount'] ?? null, currency: partner.currency },
        expectedCloseDate: fields.expectedCloseDate ?? null, notes: fields.notes ?? null },
    });
    form.reset();
    formMessage(form, 'Deal submitted.', 'ok');
    list.replaceChildren(dealTable(await api('customers', `/api/customers/${customer.id}/deals`)));
  });
  return [form, h('h2', {}, 'Deals'), list];
}

function dealTable({ items }) {
  if (items.length === 0) return h('p', { class: 'empty' }, 'No deals yet.');
  return h('table', { class: 'list deals' },
    h('thead', {}, h('tr', {}, ['Plan', 'Agents', 'IM credits', 'Estimated value', 'Close date', 'Status'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, items.map((d) => h('tr', {},
      h('td', { 'data-label': 'Plan' }, d.planCode), h('td', { 'data-label': 'Agents', class: 'number' }, d.agents),
      h('td', { 'data-label': 'IM credits', class: 'number' }, d.imCredits),
      h('td', { 'data-label': 'Estimated value', class: 'number' }, money(d.estimatedValue)),
      h('td', { 'data-label': 'Close date' }, day(d.expectedCloseDate)),
      h('td', { 'data-label': 'Status' }, badge(d.status), d.decisionReason ? h('div', { class: 'sub' }, d.decisionReason) : null)))));
}

/**
 * Change Card / Remove Card. The card's number and CVC go to billing-service only: the form is never kept as a
 * draft and is emptied once billing has answered; the page shows only brand, last four digits and expiry.
 */
async function cardSection(customer) {
  const current = await api('billing', `/api/customers/${customer.id}/card`).catch((error) => {
    if (error.status === 404) return null;
    throw error;
  });
  const onFile = h('div', { class: 'card-on-file' });
  const showCard = (card) => onFile.replaceChildren(card
    ? h('p', { id: 'card-on-file' }, h('strong', {}, `${card.brand} •••• ${card.last4}`),
      ` expires ${String(card.expMonth).padStart(2, '0')}/${card.expYear}`, card.holderName ? `, ${card.holderName}` : '')
    : h('p', { id: 'card-on-file' }, 'No card on file: purchases fail until one is added.'));
  showCard(current);

  const year = new Date().getFullYear();
  const form = h('form', { class: 'card-form', autocomplete: 'off', novalidate: true },
    h('h2', {}, 'Change Card'),
    field('Card number', input('number', { inputmode: 'numeric', autocomplete: 'cc-number', required: true })),
    h('div', { class: 'row' },
      field('Expiry month', select('expMonth', Array.from({ length: 12 }, (_, i) => [i + 1, String(i + 1).padStart(2, '0')]), 12)),
      field('Expiry year', select('expYear', Array.from({ length: 15 }, (_, i) => [year + i, year + i]), year + 2)),
      field('CVC', input('cvc', { inputmode: 'numeric', autocomplete: 'cc-csc', maxlength: 4, required: true }))),
    field('Name on card', input('holderName', { autocomplete: 'cc-name', required: true })),
    field('Billing country (ISO code)', input('billingCountry', { maxlength: 2, value: customer.country, required: true })),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Save card')));
  onSubmit(form, async (fields) => {
    try {
      const card = await api('billing', `/api/customers/${customer.id}/card`, {
        method: 'PUT',
        body: { number: (fields.number ?? '').replace(/\s/g, ''), expMonth: Number(fields.expMonth), expYear: Number(fields.expYear),
          cvc: fields.cvc ?? '', holderName: fields.holderName ?? '', billingCountry: fields.billingCountry ?? '' },
      });
      showCard(card);
      formMessage(form, `Card saved: ${card.brand} ending ${card.last4}.`, 'ok');
      remove.hidden = false;
    } finally {
      form.elements.number.value = '';
      form.elements.cvc.value = '';
    }
  });
  const remove = h('button', { type: 'button', class: 'danger', hidden: !current, onclick: async () => {
    if (!confirm('Remove the card on file? Purchases fail until a new card is added.')) return;
    await api('billing', `/api/customers/${customer.id}/card`, { method: 'DELETE' });
    showCard(null);
    remove.hidden = true;
  } }, 'Remove Card');
  return [h('h2', {}, 'Card on file'), onFile, remove, form];
}
