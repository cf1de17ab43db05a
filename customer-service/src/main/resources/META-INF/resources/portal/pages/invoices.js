// Invoices: the customer's list and the printable invoice billing-service renders.
import { api } from '../api.js';
import { badge, h, money, when } from '../ui.js';

export async function invoicesSection(customer) {
  const { items } = await api('billing', `/api/customers/${customer.id}/invoices`);
  if (items.length === 0) return [h('h2', {}, 'Invoices'), h('p', { class: 'empty' }, 'No invoices yet.')];
  return [h('h2', {}, 'Invoices'), h('table', { class: 'list invoices' },
    h('thead', {}, h('tr', {}, ['Number', 'Issued', 'Total', 'Status'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, items.map((invoice) => h('tr', {},
      h('th', { scope: 'row' }, h('a', { href: `#/customers/${customer.id}/invoices/${invoice.id}` }, invoice.number)),
      h('td', { 'data-label': 'Issued' }, when(invoice.issuedAt)),
      h('td', { 'data-label': 'Total', class: 'number' }, money(invoice.total)),
      h('td', { 'data-label': 'Status' }, badge(invoice.status))))))];
}

/** The invoice as billing prints it, in a frame that runs no script; Print prints the frame, PDF downloads it. */
export async function invoiceSection(customer, invoiceId) {
  const response = await api('billing', `/api/invoices/${invoiceId}`, { accept: 'text/html', raw: true });
  const frame = h('iframe', { class: 'invoice', title: 'Invoice', sandbox: 'allow-same-origin allow-modals' });
  frame.srcdoc = await response.text();
  const pdf = async () => {
    const file = await api('billing', `/api/invoices/${invoiceId}`, { accept: 'application/pdf', raw: true });
    download(await file.blob(), `invoice-${invoiceId}.pdf`);
  };
  return [
    h('p', {}, h('a', { href: `#/customers/${customer.id}/invoices` }, '← All invoices')),
    h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: () => frame.contentWindow.print() }, 'Print'),
      h('button', { type: 'button', onclick: pdf }, 'Download PDF')),
    frame,
  ];
}

/** Hands a file the page fetched (with its token) to the browser's downloads. */
export function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
