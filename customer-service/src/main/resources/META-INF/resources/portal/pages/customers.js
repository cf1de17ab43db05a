// Customers: search, status filter, sort and pages; each row with its plan, agents, card and IM credit balance.
import { api, query } from '../api.js';
import { badge, field, h, input, money, select } from '../ui.js';

const SIZE = 20;
const SORTS = [['name', 'Name A–Z'], ['-name', 'Name Z–A'], ['-createdAt', 'Newest first'], ['createdAt', 'Oldest first']];
const STATUSES = [['', 'Any status'], ['ACTIVE', 'Active'], ['SUSPENDED', 'Suspended'], ['CLOSED', 'Closed']];

export async function customersPage(params) {
  const q = params.get('q') || '';
  const status = params.get('status') || '';
  const sort = params.get('sort') || 'name';
  const page = Math.max(0, Number(params.get('page')) || 0);

  const list = await api('customers', `/api/customers${query({ q, status, sort, page, size: SIZE })}`);
  const ids = list.items.map((c) => c.id);
  // one request per service for the whole page, not one per row
  const [subscriptions, balances] = ids.length === 0 ? [{ items: [] }, { items: [] }] : await Promise.all([
    api('subscriptions', `/api/subscriptions${query({ customerId: ids, size: ids.length })}`),
    api('credits', `/api/credit-accounts${query({ customerId: ids, size: ids.length })}`),
  ]);
  const subscriptionOf = new Map(subscriptions.items.map((s) => [s.customerId, s]));
  const balanceOf = new Map(balances.items.map((b) => [b.customerId, b]));

  const search = h('form', { class: 'filters', role: 'search', onsubmit: (event) => {
    event.preventDefault();
    const data = new FormData(event.target);
    location.hash = `#/customers${query({ q: data.get('q'), status: data.get('status'), sort: data.get('sort') })}`;
  } },
  field('Search', input('q', { type: 'search', value: q, placeholder: 'Company or email' })),
  field('Status', select('status', STATUSES, status)),
  field('Sort by', select('sort', SORTS, sort)),
  h('div', { class: 'field actions' }, h('button', { type: 'submit' }, 'Search')));

  const pages = Math.max(1, Math.ceil(list.total / SIZE));
  const to = (p) => `#/customers${query({ q, status, sort, page: p })}`;
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' },
    page > 0 ? h('a', { href: to(page - 1), rel: 'prev' }, '← Previous') : h('span'),
    h('span', {}, `Page ${page + 1} of ${pages} · ${list.total} customer${list.total === 1 ? '' : 's'}`),
    page + 1 < pages ? h('a', { href: to(page + 1), rel: 'next' }, 'Next →') : h('span'));

  const rows = list.items.map((customer) => {
    const subscription = subscriptionOf.get(customer.id);
    const balance = balanceOf.get(customer.id);
    return h('tr', { 'data-customer': customer.id },
      h('th', { scope: 'row' }, h('a', { href: `#/customers/${customer.id}` }, customer.companyName),
        h('div', { class: 'sub' }, customer.email)),
      h('td', { 'data-label': 'Plan' }, subscription?.planCode ?? customer.planCode),
      h('td', { 'data-label': 'Agents', class: 'number' }, subscription?.agents ?? customer.agents),
      h('td', { 'data-label': 'Card' }, subscription ? (subscription.cardOnFile ? 'On file' : 'None') : '–'),
      h('td', { 'data-label': 'IM credits', class: 'number balance' },
        balance ? [money(balance.available), ' ', badge(balance.status)] : '–'),
      h('td', { 'data-label': 'Status' }, badge(customer.status)),
      h('td', { class: 'row-actions' }, h('a', { class: 'button', href: `#/customers/${customer.id}/buy` }, 'Buy credits')));
  });

  return [
    h('h1', {}, 'Customers'),
    search,
    list.items.length === 0
      ? h('p', { class: 'empty' }, q || status ? 'No customer matches.' : 'No customers yet.')
      : h('table', { class: 'list customers' },
        h('caption', { class: 'visually-hidden' }, 'Your customers'),
        h('thead', {}, h('tr', {}, ['Company', 'Plan', 'Agents', 'Card', 'IM credits', 'Status', ''].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, rows)),
    pager,
  ];
}
