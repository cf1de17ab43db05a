// IM credits: the balance and its status, the low-balance threshold, the spend per day (a chart) and the ledger.
import * as echarts from 'echarts';
import { api, query } from '../api.js';
import { badge, field, formMessage, h, input, money, onSubmit, select, when } from '../ui.js';
import { download } from './invoices.js';

const TYPES = ['GRANT', 'DEBIT', 'HOLD', 'RELEASE', 'SETTLE', 'EXPIRY', 'REFUND', 'ADJUSTMENT'];
const PAGE = 25;

export async function creditsSection(customer, params) {
  const filter = { type: params.get('type') || '', from: params.get('from') || '', to: params.get('to') || '' };
  const page = Math.max(0, Number(params.get('page')) || 0);
  // from/to are days in the form and instants (start of the UTC day; to is exclusive) in the API
  const range = { type: filter.type, from: filter.from && `${filter.from}T00:00:00Z`, to: filter.to && nextDay(filter.to) };
  const [balance, spend, ledger] = await Promise.all([
    api('credits', `/api/customers/${customer.id}/credits`),
    api('credits', `/api/customers/${customer.id}/credits/spend?days=30`),
    api('credits', `/api/customers/${customer.id}/credits/ledger${query({ ...range, page, size: PAGE })}`),
  ]);

  const threshold = h('form', { class: 'inline-form', 'data-draft': `threshold-${customer.id}`, novalidate: true },
    field(`Low-balance alert below (${balance.available.currency})`,
      input('lowBalanceThreshold.amount', { inputmode: 'decimal', value: balance.lowBalanceThreshold?.amount ?? '' }),
      'Desk and the partner are told when the balance falls below it'),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Save threshold')));
  onSubmit(threshold, async (fields) => {
    const saved = await api('credits', `/api/customers/${customer.id}/credits/alerts`, {
      method: 'PUT', body: { lowBalanceThreshold: { amount: fields['lowBalanceThreshold.amount'] ?? null } },
    });
    formMessage(threshold, `Saved: an alert below ${money(saved.lowBalanceThreshold)}.`, 'ok');
  });

  const chart = h('div', { class: 'chart', role: 'img', 'aria-label': `IM credits spent per day over the last 30 days: ${money(spend.total)} in all` });
  requestAnimationFrame(() => drawSpend(chart, spend));

  const filters = h('form', { class: 'filters', onsubmit: (event) => {
    event.preventDefault();
    const data = new FormData(event.target);
    location.hash = `#/customers/${customer.id}/credits${query({ type: data.get('type'), from: data.get('from'), to: data.get('to') })}`;
  } },
  field('Type', select('type', [['', 'All'], ...TYPES.map((t) => [t, t.toLowerCase()])], filter.type)),
  field('From', input('from', { type: 'date', value: filter.from })),
  field('To', input('to', { type: 'date', value: filter.to })),
  h('div', { class: 'field actions' }, h('button', { type: 'submit' }, 'Filter'),
    h('button', { type: 'button', onclick: async () => {
      const csv = await api('credits', `/api/customers/${customer.id}/credits/ledger${query(range)}`, { accept: 'text/csv', raw: true });
      download(await csv.blob(), `credits-${customer.id}.csv`);
    } }, 'Download CSV')));

  const to = (p) => `#/customers/${customer.id}/credits${query({ ...filter, page: p })}`;
  const pages = Math.max(1, Math.ceil(ledger.total / PAGE));
  return [
    h('div', { class: 'balance-card' },
      h('p', { class: 'big', id: 'credit-balance' }, money(balance.available), ' ', badge(balance.status)),
      h('p', { class: 'sub' }, `Held for messages in flight: ${money(balance.held)} · expiring: ${money(balance.expiring)} · updated ${when(balance.updatedAt)}`),
      h('a', { class: 'button', href: `#/customers/${customer.id}/buy` }, 'Buy IM credits')),
    threshold,
    h('h2', {}, 'Spend per day, last 30 days'), chart,
    h('h2', {}, 'Ledger'), filters,
    ledger.items.length === 0 ? h('p', { class: 'empty' }, 'No entries.') : h('table', { class: 'list ledger' },
      h('thead', {}, h('tr', {}, ['When', 'Type', 'Amount', 'Balance after', 'Reference'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, ledger.items.map((e) => h('tr', {},
        h('td', { 'data-label': 'When' }, when(e.createdAt)),
        h('td', { 'data-label': 'Type' }, e.type.toLowerCase(), /[1-9]/.test(e.postpaid?.amount) ? ` (post-paid ${money(e.postpaid)})` : ''),
        h('td', { 'data-label': 'Amount', class: 'number' }, money(e.amount)),
        h('td', { 'data-label': 'Balance after', class: 'number' }, money(e.balanceAfter)),
        h('td', { 'data-label': 'Reference' }, e.description || e.reference))))),
    h('nav', { class: 'pager', 'aria-label': 'Ledger pages' },
      page > 0 ? h('a', { href: to(page - 1) }, '← Newer') : h('span'),
      h('span', {}, `Page ${page + 1} of ${pages}`),
      page + 1 < pages ? h('a', { href: to(page + 1) }, 'Older →') : h('span')),
  ];
}

function nextDay(isoDate) {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString();
}

/** ECharts draws the bars; it gets numbers for drawing only, the labels keep the API's exact amounts. */
function drawSpend(element, spend) {
  const chart = echarts.init(element, null, { renderer: 'svg' });
  chart.setOption({
    grid: { left: 48, right: 16, top: 16, bottom: 32 },
    tooltip: { trigger: 'axis', formatter: ([bar]) => `${bar.name}<br>${spend.days[bar.dataIndex].spent.amount} ${spend.days[bar.dataIndex].spent.currency}, ${spend.days[bar.dataIndex].messages} messages` },
    xAxis: { type: 'category', data: spend.days.map((d) => d.date.slice(5)) },
    yAxis: { type: 'value', name: spend.total.currency },
    series: [{ type: 'bar', data: spend.days.map((d) => Number(d.spent.amount)), itemStyle: { color: '#2f6fde' } }],
  });
  new ResizeObserver(() => chart.resize()).observe(element);
}
