// Shared front-end helpers: the API client, translations and DOM builders. Data is only ever set as text
// (textContent / attributes), never parsed as HTML.

let csrfToken = null;
let onUnauthorized = () => {};
const dictionary = {};
const loadedBundles = new Set();

export const lang = () => localStorage.getItem('apogee.lang')
  || (navigator.language && navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en');

export function setLang(value) {
  localStorage.setItem('apogee.lang', value);
}

export function setSession(session) {
  csrfToken = session ? session.csrfToken : null;
}

export function whenUnauthorized(callback) {
  onUnauthorized = callback;
}

/** Loads bundle `name` (i18n/<name>.<lang>.json) into the dictionary, once per language. */
export async function loadBundle(name) {
  const key = name + '.' + lang();
  if (loadedBundles.has(key)) return;
  const response = await fetch('/static/i18n/' + key + '.json');
  if (!response.ok) throw new Error('missing translation bundle ' + key);
  Object.assign(dictionary, await response.json());
  loadedBundles.add(key);
}

/** The translation of `key`, with {name} placeholders filled from `vars`; the key itself when missing. */
export function t(key, vars = {}) {
  const text = dictionary[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

/** Calls the API; resolves to the parsed JSON (null for 204), rejects with the server's error text. */
export async function api(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401 && path !== '/api/login') {
    onUnauthorized();
    throw new Error(t('common.loginFirst'));
  }
  if (response.status === 204) return null;
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  if (!response.ok) {
    throw new Error((json && json.error) || (response.status + ' ' + response.statusText));
  }
  return json;
}

/** Builds an element: h('td', {class: 'num'}, 'text', child...). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'value') el.value = value;
    else el.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/**
 * A table: columns are {key, label, num, render(row)}; rows are objects. `render` may return text or a node.
 * Each row gets data-key from `rowKey` so that tests can find it.
 */
export function table(columns, rows, rowKey) {
  return h('div', { class: 'scroll' }, h('table', {},
    h('thead', {}, h('tr', {}, columns.map(c => h('th', { class: c.num ? 'num' : null }, c.label)))),
    h('tbody', {}, rows.length === 0
      ? h('tr', {}, h('td', { colspan: columns.length, class: 'muted' }, t('common.none')))
      : rows.map(row => h('tr', { 'data-key': rowKey ? rowKey(row) : null },
        columns.map(c => h('td', { class: c.num ? 'num' : null },
          c.render ? c.render(row) : formatValue(row[c.key]))))))));
}

export function formatValue(value) {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? value.toLocaleString() : value.toFixed(2);
  return String(value);
}

export function formatTime(millis) {
  return millis > 0 ? new Date(millis).toLocaleString() : '';
}

/** Prev/next buttons for a server-side page ({total, offset, limit}); `go(offset)` loads another. */
export function pager(page, go) {
  const last = page.offset + page.items.length;
  return h('div', { class: 'pager' },
    h('button', { disabled: page.offset === 0, onclick: () => go(Math.max(0, page.offset - page.limit)) },
      t('common.prev')),
    h('span', { class: 'muted' }, t('common.range', { from: page.total === 0 ? 0 : page.offset + 1, to: last,
      total: page.total })),
    h('button', { disabled: last >= page.total, onclick: () => go(page.offset + page.limit) }, t('common.next')));
}

export function toast(message, isError = false) {
  const box = h('div', { class: isError ? 'error' : null }, message);
  document.getElementById('toast').append(box);
  setTimeout(() => box.remove(), isError ? 8000 : 4000);
}

/** Runs `action`, showing its error as a toast; resolves to its result or undefined. */
export async function attempt(action) {
  try {
    return await action();
  } catch (e) {
    toast(e.message, true);
    return undefined;
  }
}

/** Asks to confirm `message` in a modal; resolves true when confirmed. */
export function confirmDialog(message) {
  return new Promise(resolve => {
    const dialog = h('dialog', { id: 'confirm' },
      h('form', { method: 'dialog' },
        h('p', {}, message),
        h('div', { class: 'toolbar' },
          h('button', { value: 'cancel', id: 'confirm-cancel' }, t('common.cancel')),
          h('button', { value: 'ok', class: 'primary', id: 'confirm-ok' }, t('common.confirm')))));
    dialog.addEventListener('close', () => { resolve(dialog.returnValue === 'ok'); dialog.remove(); });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/**
 * A form in a modal: fields are {name, label, type ('text'|'number'|'select'|'checkbox'|'textarea'), value,
 * options}. Resolves to the values by name, or null when cancelled.
 */
export function formDialog(title, fields, submitLabel) {
  return new Promise(resolve => {
    const inputs = {};
    const rows = fields.map(f => {
      let input;
      if (f.type === 'select') {
        input = h('select', { name: f.name }, f.options.map(o => h('option', { value: o, selected: o === f.value }, o)));
      } else if (f.type === 'textarea') {
        input = h('textarea', { name: f.name, rows: 5 }, f.value ?? '');
      } else if (f.type === 'checkbox') {
        input = h('input', { name: f.name, type: 'checkbox', checked: !!f.value });
      } else {
        input = h('input', { name: f.name, type: f.type || 'text', value: f.value ?? '' });
      }
      inputs[f.name] = input;
      return h('label', {}, h('div', { class: 'muted' }, f.label), input);
    });
    const dialog = h('dialog', { id: 'form-dialog' },
      h('form', { method: 'dialog' }, h('h2', {}, title), rows,
        h('div', { class: 'toolbar' },
          h('button', { value: 'cancel' }, t('common.cancel')),
          h('button', { value: 'ok', class: 'primary', id: 'form-submit' }, submitLabel || t('common.save')))));
    dialog.addEventListener('close', () => {
      if (dialog.returnValue !== 'ok') { resolve(null); dialog.remove(); return; }
      const values = {};
      for (const f of fields) {
        const input = inputs[f.name];
        values[f.name] = f.type === 'checkbox' ? input.checked
          : f.type === 'number' ? Number(input.value) : input.value;
      }
      resolve(values);
      dialog.remove();
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
