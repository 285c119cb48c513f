// The single page: login, navigation and hash routing (#/topics?search=x). Each page is a module under pages/
// exporting `bundle` (its translation bundle) and `render(main, params)`.
import { api, h, t, lang, setLang, loadBundle, setSession, whenUnauthorized, attempt } from './ui.js';

const PAGES = ['dashboard', 'cluster', 'topics', 'consumers', 'producers', 'messages', 'dlq', 'trace', 'ops', 'users'];
let session = null;

whenUnauthorized(() => { session = null; setSession(null); showLogin(); });

async function start() {
  await loadBundle('common');
  document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';
  try {
    session = await api('GET', '/api/session');
    setSession(session);
  } catch (e) {
    session = null;
  }
  window.addEventListener('hashchange', route);
  route();
}

function showLogin(message) {
  document.getElementById('nav').replaceChildren();
  document.getElementById('who').replaceChildren(languageSwitch());
  const error = h('p', { class: 'error', id: 'login-error' }, message || '');
  const user = h('input', { id: 'login-username', name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password',
    autocomplete: 'current-password', required: true });
  const form = h('form', { id: 'login-form', onsubmit: async (event) => {
    event.preventDefault();
    try {
      session = await api('POST', '/api/login', { username: user.value, password: password.value });
      setSession(session);
      if (!location.hash || location.hash === '#/login') location.hash = '#/dashboard'; // routes on hashchange
      else route();
    } catch (e) {
      error.textContent = e.message;
    }
  } },
  h('label', {}, h('div', { class: 'muted' }, t('login.username')), user),
  h('label', {}, h('div', { class: 'muted' }, t('login.password')), password),
  h('button', { class: 'primary', type: 'submit', id: 'login-submit' }, t('login.submit')), error);
  document.getElementById('main').replaceChildren(
    h('div', { class: 'login panel' }, h('h1', {}, t('login.title')), h('p', { class: 'muted' }, t('login.hint')), form));
}

function languageSwitch() {
  return h('select', { id: 'lang', 'aria-label': 'Language', onchange: (e) => { setLang(e.target.value); location.reload(); } },
    h('option', { value: 'en', selected: lang() === 'en' }, 'English'),
    h('option', { value: 'zh', selected: lang() === 'zh' }, '中文'));
}

function renderHeader(current) {
  document.getElementById('nav').replaceChildren(...PAGES.map(id =>
    h('a', { href: '#/' + id, id: 'nav-' + id, class: id === current ? 'active' : null }, t('nav.' + id))));
  document.getElementById('who').replaceChildren(
    h('span', { id: 'who-name' }, session.username + ' (' + t('role.' + session.role) + ')'),
    languageSwitch(),
    h('button', { id: 'logout', onclick: async () => {
      await attempt(() => api('POST', '/api/logout'));
      session = null; setSession(null); location.hash = '#/login'; showLogin();
    } }, t('nav.logout')));
}

async function route() {
  if (!session) { showLogin(); return; }
  const [path, query] = location.hash.replace(/^#\/?/, '').split('?');
  const id = PAGES.includes(path) ? path : 'dashboard';
  renderHeader(id);
  // Each route renders into a fresh view: a slower, older render left running writes into a detached one.
  const main = document.getElementById('main');
  const view = h('div', { 'data-page': id }, h('p', { class: 'muted' }, t('common.loading')));
  main.replaceChildren(view);
  main.dataset.page = id;
  try {
    const page = await import('./pages/' + id + '.js');
    await loadBundle(page.bundle);
    view.replaceChildren();
    await page.render(view, new URLSearchParams(query || ''), session);
  } catch (e) {
    view.replaceChildren(h('p', { class: 'error' }, e.message));
  }
}

start();
