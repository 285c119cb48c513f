// Ops: the NameServers in use (view, add, switch), connection settings and a health summary.
import { api, h, t, table, toast, attempt, confirmDialog } from '../ui.js';

export const bundle = 'ops';

export async function render(main, params, session) {
  const data = await attempt(() => api('GET', '/api/ops'));
  if (!data) return;
  const health = data.health;
  const input = h('input', { id: 'namesrv-input', size: 60, value: data.namesrvAddr });
  const isAdmin = session.role === 'ADMIN';
  const switchTo = async (addr) => {
    if (!(await confirmDialog(t('ops.confirmSwitch', { addr })))) return;
    const done = await attempt(() => api('PUT', '/api/ops/namesrv', { namesrvAddr: addr }));
    if (done) { toast(t('ops.switched', { addr: done.namesrvAddr })); location.hash = '#/ops?t=' + Date.now(); }
  };
  main.append(
    h('h1', {}, t('nav.ops')),
    h('div', { class: 'panel', id: 'health' },
      h('h2', {}, t('ops.health')),
      h('p', { id: 'health-summary', class: health.healthy ? 'ok' : 'error' },
        health.healthy ? t('ops.healthy') : t('ops.unhealthy')),
      h('p', {}, t('ops.brokersAnswering', { answering: health.brokersAnswering, total: health.brokers })),
      h('p', { class: 'muted' }, health.snapshotAgeMillis < 0 ? t('ops.notRead')
        : t('ops.snapshotAge', { seconds: Math.round(health.snapshotAgeMillis / 1000) })),
      health.errors.length ? h('ul', { class: 'error' }, health.errors.map(e => h('li', {}, e))) : ''),
    h('div', { class: 'panel' },
      h('h2', {}, t('ops.namesrvs')),
      table([
        { key: 'addr', label: t('ops.addr') },
        { key: 'listening', label: t('ops.listening'), render: n => h('span', { class: n.listening ? 'ok' : 'error' },
          n.listening ? t('ops.yes') : t('ops.no')) },
      ], data.namesrvs, n => n.addr),
      isAdmin ? h('div', { class: 'toolbar' }, input,
        h('button', { class: 'primary', id: 'namesrv-switch', onclick: () => switchTo(input.value.trim()) }, t('ops.switch')))
        : h('p', { class: 'muted' }, t('ops.adminOnly')),
      data.known.length ? h('div', {}, h('h2', {}, t('ops.known')),
        table([{ key: 'addr', label: t('ops.addr') },
          { key: 'use', label: '', render: k => isAdmin ? h('button', { onclick: () => switchTo(k.addr) }, t('ops.use')) : '' }],
        data.known.map(addr => ({ addr })), k => k.addr)) : ''),
    h('div', { class: 'panel' },
      h('h2', {}, t('ops.settings')),
      setting('vip-channel', 'vipChannelEnabled', data.vipChannelEnabled, t('ops.vip'), isAdmin),
      setting('tls', 'useTLS', data.useTLS, t('ops.tls'), isAdmin)));
}

// A switch of the console's connections; an admin's change restarts the console's admin client with it.
function setting(id, key, value, label, isAdmin) {
  const box = h('input', { type: 'checkbox', id, checked: value, disabled: !isAdmin });
  box.addEventListener('change', async () => {
    const done = await attempt(() => api('PUT', '/api/ops/settings', { [key]: box.checked }));
    if (done) toast(t('ops.settingSaved'));
    else box.checked = !box.checked;
  });
  return h('p', {}, h('label', {}, box, ' ', label));
}
