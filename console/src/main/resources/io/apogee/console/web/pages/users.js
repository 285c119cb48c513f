// User centre: language, change one's own password; for admins: users (create / delete) and the audit log.
import { api, h, t, table, toast, attempt, confirmDialog, formDialog, formatTime, lang, setLang } from '../ui.js';

export const bundle = 'users';

export async function render(main, params, session) {
  const current = h('input', { id: 'password-current', type: 'password', autocomplete: 'current-password' });
  const next = h('input', { id: 'password-new', type: 'password', autocomplete: 'new-password' });
  main.append(h('h1', {}, t('nav.users')),
    h('div', { class: 'panel' },
      h('h2', {}, t('users.me', { name: session.username, role: t('role.' + session.role) })),
      h('div', { class: 'toolbar' }, h('span', {}, t('users.language')),
        h('select', { id: 'users-lang', onchange: (e) => { setLang(e.target.value); location.reload(); } },
          h('option', { value: 'en', selected: lang() === 'en' }, 'English'),
          h('option', { value: 'zh', selected: lang() === 'zh' }, '中文'))),
      h('h2', {}, t('users.changePassword')),
      h('div', { class: 'toolbar' },
        h('label', {}, t('users.current'), ' ', current), h('label', {}, t('users.new'), ' ', next),
        h('button', { class: 'primary', id: 'password-change', onclick: async () => {
          const done = await attempt(() => api('POST', '/api/session/password',
            { currentPassword: current.value, newPassword: next.value }));
          if (done !== undefined) { current.value = ''; next.value = ''; toast(t('users.passwordChanged')); }
        } }, t('users.change')))));
  if (session.role !== 'ADMIN') return;

  const users = h('div', { id: 'users-list' });
  const audit = h('div', { id: 'audit-log' });
  const load = async () => {
    const list = await attempt(() => api('GET', '/api/users'));
    if (list) {
      users.replaceChildren(table([
        { key: 'username', label: t('users.username') },
        { key: 'role', label: t('users.role'), render: u => t('role.' + u.role) },
        { key: 'created', label: t('users.created'), render: u => formatTime(u.created) },
        { key: 'actions', label: '', render: u => u.username === session.username ? '' : h('button', {
          class: 'danger user-delete', onclick: async () => {
            if (!(await confirmDialog(t('users.confirmDelete', { name: u.username })))) return;
            if ((await attempt(() => api('DELETE', '/api/users/' + encodeURIComponent(u.username)))) !== undefined) load();
          } }, t('common.delete')) },
      ], list, u => u.username));
    }
    const entries = await attempt(() => api('GET', '/api/audit?limit=200'));
    if (entries) {
      audit.replaceChildren(table([
        { key: 'time', label: t('users.when'), render: e => formatTime(e.time) },
        { key: 'username', label: t('users.who') },
        { key: 'address', label: t('users.from') },
        { key: 'action', label: t('users.what') },
        { key: 'target', label: t('users.target') },
        { key: 'status', label: t('users.status'), num: true },
      ], entries));
    }
  };
  main.append(h('div', { class: 'panel' },
    h('div', { class: 'toolbar' }, h('h2', {}, t('users.users')),
      h('button', { id: 'user-create', onclick: async () => {
        const values = await formDialog(t('users.create'), [
          { name: 'username', label: t('users.username') },
          { name: 'password', label: t('users.password'), type: 'password' },
          { name: 'role', label: t('users.role'), type: 'select', options: ['viewer', 'operator', 'admin'], value: 'viewer' },
        ], t('common.create'));
        if (values && (await attempt(() => api('POST', '/api/users', values)))) { toast(t('users.created.ok')); load(); }
      } }, t('users.create'))),
    users),
  h('div', { class: 'panel' }, h('h2', {}, t('users.audit')), audit));
  await load();
}
