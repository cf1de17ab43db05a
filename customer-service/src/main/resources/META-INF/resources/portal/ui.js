// Small DOM helpers shared by the pages: elements, money and dates as a person reads them, forms and their errors.

/** h('p', {class: 'x'}, 'text', child…): an element; on* attributes become listeners, null children are skipped. */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
    else if (value === true) element.setAttribute(key, '');
    else element.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** Replaces the page's content and moves focus to its heading, so a screen reader hears the new page. */
export function show(...children) {
  const view = document.getElementById('view');
  view.replaceChildren(...children.flat().filter((child) => child !== null && child !== undefined));
  const heading = view.querySelector('h1');
  if (heading) {
    heading.tabIndex = -1;
    heading.focus();
  }
  restoreDrafts();
}

/** Money as the APIs write it ({amount, currency} or "5.00" and a currency): never through a float. */
export function money(value, currency) {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'object') return `${value.amount} ${value.currency}`;
  return currency ? `${value} ${currency}` : String(value);
}

export function amountOf(value) {
  return value && typeof value === 'object' ? value.amount : value;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

export function when(instant) {
  return instant ? dateTime.format(new Date(instant)) : '–';
}

export function day(isoDate) {
  return isoDate ? dateOnly.format(new Date(`${isoDate}T00:00:00Z`)) : '–';
}

export function badge(status) {
  return h('span', { class: `badge ${String(status).toLowerCase()}` }, status);
}

/** A labelled field: the label, the control and the place its error goes (aria-describedby). */
export function field(label, control, hint) {
  const id = control.id || (control.id = `f-${control.name.replace(/\W/g, '-')}-${Math.random().toString(36).slice(2, 7)}`);
  const error = h('span', { class: 'error', id: `${id}-error`, 'data-error-for': control.name });
  control.setAttribute('aria-describedby', `${id}-error${hint ? ` ${id}-hint` : ''}`);
  return h('div', { class: 'field' }, h('label', { for: id }, label), control,
    hint ? h('span', { class: 'hint', id: `${id}-hint` }, hint) : null, error);
}

export function input(name, attrs = {}) {
  return h('input', { name, ...attrs });
}

export function select(name, options, selected, attrs = {}) {
  return h('select', { name, ...attrs },
    options.map(([value, label]) => h('option', { value, selected: String(value) === String(selected ?? '') }, label)));
}

/** The form's values by field name, as strings; empty fields are left out. */
export function values(form) {
  const result = {};
  for (const [name, value] of new FormData(form).entries()) if (value !== '') result[name] = value;
  return result;
}

/** A message at the top of a form (role=alert: read out at once), or none. */
export function formMessage(form, text, kind = 'error') {
  let box = form.querySelector(':scope > .form-message');
  if (!box) {
    box = h('p', { class: 'form-message', role: 'alert' });
    form.prepend(box);
  }
  box.className = `form-message ${kind}`;
  box.replaceChildren(...[].concat(text || []));
  box.hidden = !text;
}

/** Clears a form's errors, then puts each violation next to the field it names ("estimatedValue.amount" or "amount"). */
export function showProblem(form, error) {
  clearErrors(form);
  const unplaced = [];
  for (const violation of error.violations || []) {
    const name = violation.field || '';
    const target = form.querySelector(`[data-error-for="${CSS.escape(name)}"]`)
      || form.querySelector(`[data-error-for$=".${CSS.escape(name.split('.').pop())}"]`)
      || form.querySelector(`[data-error-for="${CSS.escape(name.split('.').pop())}"]`);
    if (target) {
      target.textContent = violation.message;
      const control = form.querySelector(`[name="${CSS.escape(target.dataset.errorFor)}"]`);
      control?.setAttribute('aria-invalid', 'true');
    } else {
      unplaced.push(`${name}: ${violation.message}`);
    }
  }
  const placed = (error.violations || []).length - unplaced.length;
  const summary = placed > 0 && unplaced.length === 0 ? 'Please correct the fields marked below.'
    : unplaced.length > 0 ? unplaced.join('; ') : error.message;
  formMessage(form, summary);
  (form.querySelector('[aria-invalid="true"]') || form.querySelector('.form-message'))?.focus?.();
}

export function clearErrors(form) {
  form.querySelectorAll('.error').forEach((e) => { e.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
  formMessage(form, null);
}

/** Runs a form's submit: the button is disabled meanwhile (a double click sends once), errors go to the form. */
export function onSubmit(form, action) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (form.dataset.busy) return;
    form.dataset.busy = 'yes';
    const buttons = [...form.querySelectorAll('button[type=submit]')];
    buttons.forEach((b) => { b.disabled = true; });
    clearErrors(form);
    try {
      await action(values(form), event.submitter);
    } catch (error) {
      if (error.status !== 401) showProblem(form, error);
    } finally {
      delete form.dataset.busy;
      buttons.forEach((b) => { b.disabled = false; });
    }
  });
  return form;
}

// What a partner typed survives a sign-in again (the page reloads): forms marked data-draft keep their fields in
// this tab's session storage until the page shows them again. Card forms are never marked.
const DRAFTS = 'portal.drafts';

export function saveDrafts() {
  const drafts = {};
  document.querySelectorAll('form[data-draft]').forEach((form) => { drafts[form.dataset.draft] = values(form); });
  sessionStorage.setItem(DRAFTS, JSON.stringify(drafts));
}

function restoreDrafts() {
  const drafts = JSON.parse(sessionStorage.getItem(DRAFTS) || '{}');
  let left = false;
  for (const [key, fields] of Object.entries(drafts)) {
    const form = document.querySelector(`form[data-draft="${CSS.escape(key)}"]`);
    if (!form) {
      left = true;
      continue;
    }
    for (const [name, value] of Object.entries(fields)) {
      const control = form.elements.namedItem(name);
      if (control && 'value' in control) control.value = value;
    }
    delete drafts[key];
  }
  if (left) sessionStorage.setItem(DRAFTS, JSON.stringify(drafts));
  else sessionStorage.removeItem(DRAFTS);
}

/** A page that could not load: what happened, in words. */
export function failure(error) {
  if (error.status === 404) return h('p', { class: 'form-message error', role: 'alert' }, 'Not found: this customer does not exist or is not one of yours.');
  return h('p', { class: 'form-message error', role: 'alert' }, error.message);
}
