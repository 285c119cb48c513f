// Consumers page: groups from the snapshot with their lag (or why it is unknown), a group's clients, subscriptions
// and per-queue progress, create / update / delete, reset offsets by time with a preview, skip the backlog, a
// client's running info. `resetOffsets` is shared with the Topics page.
import { api, h, t, table, pager, formatValue, formatTime, formDialog, confirmDialog, toast, attempt, loadBundle }
  from '../ui.js';

export const bundle = 'consumers';

const enc = encodeURIComponent;

/** The lag cell: the number, or "unknown" with the reason under it. */
export function lagCell(row) {
  if (row.lag !== undefined && row.lag !== null) return formatValue(row.lag);
  return h('span', { class: 'warn lag-unknown' }, t('consumers.lagUnknown'),
    h('span', { class: 'reason muted' }, row.lagUnknown || ''));
}

function localNow() {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}

/** A modal listing what a reset would move; resolves true when applied. */
function previewDialog(group, preview) {
  return new Promise(resolve => {
    const rows = preview.moves.map(m => ({ ...m, key: m.topic + '/' + m.brokerName + '/' + m.queueId }));
    const dialog = h('dialog', { id: 'reset-dialog' },
      h('form', { method: 'dialog' },
        h('h2', {}, t('consumers.reset.previewTitle', { group })),
        h('p', { class: 'muted' }, preview.timestamp === -1 ? t('consumers.reset.toEnd')
          : t('consumers.reset.toTime', { time: formatTime(preview.timestamp) })),
        h('div', { id: 'reset-preview' }, table([
          { key: 'topic', label: t('consumers.topic') },
          { key: 'brokerName', label: t('consumers.broker') },
          { key: 'queueId', label: t('consumers.queue'), num: true },
          { key: 'current', label: t('consumers.reset.current'), num: true,
            render: m => m.current === undefined || m.current === null ? t('consumers.reset.noOffset') : formatValue(m.current) },
          { key: 'target', label: t('consumers.reset.target'), num: true },
          { key: 'delta', label: t('consumers.reset.delta'), num: true,
            render: m => m.current === undefined || m.current === null ? '' : formatValue(m.target - m.current) },
          { key: 'range', label: t('consumers.reset.range'), render: m => m.minOffset + ' – ' + m.maxOffset },
        ], rows, m => m.key)),
        h('div', { class: 'toolbar' },
          h('button', { value: 'cancel', id: 'reset-cancel' }, t('common.cancel')),
          h('button', { value: 'ok', class: 'primary', id: 'reset-apply', disabled: rows.length === 0 },
            t('consumers.reset.apply')))));
    dialog.addEventListener('close', () => { resolve(dialog.returnValue === 'ok'); dialog.remove(); });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/**
 * Resets `group`'s offsets in `topic` (every topic it consumes when empty): asks the time (or takes -1, the end),
 * shows the preview, applies on confirmation. Resolves true when applied.
 */
export async function resetOffsets(group, topic, toEnd) {
  await loadBundle('consumers');
  let timestamp = -1;
  if (!toEnd) {
    const values = await formDialog(t('consumers.reset.title', { group }),
      [{ name: 'time', label: t('consumers.reset.time'), type: 'datetime-local', value: localNow() }],
      t('consumers.reset.preview'));
    if (!values) return false;
    timestamp = new Date(values.time).getTime();
    if (Number.isNaN(timestamp)) { toast(t('consumers.reset.badTime'), true); return false; }
  }
  const query = '?timestamp=' + timestamp + (topic ? '&topic=' + enc(topic) : '');
  const preview = await attempt(() => api('GET', '/api/groups/' + enc(group) + '/reset-preview' + query));
  if (!preview || !await previewDialog(group, preview)) return false;
  const body = { timestamp };
  if (topic) body.topic = topic;
  const done = await attempt(() => api('POST', '/api/groups/' + enc(group) + '/reset', body));
  if (!done) return false;
  toast(t('consumers.reset.done', { count: done.moves.length }));
  return true;
}

const CONFIG_FIELDS = [
  ['consumeEnable', 'checkbox'], ['consumeBroadcastEnable', 'checkbox'], ['consumeFromMinEnable', 'checkbox'],
  ['notifyConsumerIdsChangedEnable', 'checkbox'], ['retryMaxTimes', 'number'], ['retryQueueNums', 'number'],
  ['brokerId', 'number'], ['whichBrokerWhenConsumeSlowly', 'number'],
];

async function editGroup(existing, after) {
  const config = existing ? existing.config || {} : { consumeEnable: true, consumeBroadcastEnable: true,
    consumeFromMinEnable: true, notifyConsumerIdsChangedEnable: true, retryMaxTimes: 16, retryQueueNums: 1,
    brokerId: 0, whichBrokerWhenConsumeSlowly: 1 };
  const fields = (existing ? [] : [{ name: 'group', label: t('consumers.group') }])
    .concat([{ name: 'clusterName', label: t('consumers.clusterName') }, { name: 'brokerName', label: t('consumers.brokerName') }])
    .concat(CONFIG_FIELDS.map(([name, type]) => ({ name, type, label: t('consumers.config.' + name), value: config[name] })));
  const values = await formDialog(existing ? t('consumers.edit', { group: existing.group }) : t('consumers.create'), fields);
  if (!values) return;
  const saved = await attempt(() => existing
    ? api('PUT', '/api/groups/' + enc(existing.group), values) : api('POST', '/api/groups', values));
  if (saved) { toast(t('consumers.saved', { group: saved.group })); after(); }
}

async function showClient(group, clientId, box) {
  const info = await attempt(() => api('GET', '/api/groups/' + enc(group) + '/client?clientId=' + enc(clientId)));
  if (!info) return;
  box.replaceChildren(h('h2', {}, t('consumers.runningInfo', { client: clientId })),
    table([{ key: 'topic', label: t('consumers.topic') }, { key: 'brokerName', label: t('consumers.broker') },
      { key: 'queueId', label: t('consumers.queue'), num: true },
      { key: 'commitOffset', label: t('consumers.commitOffset'), num: true },
      { key: 'cachedMsgCount', label: t('consumers.cached'), num: true },
      { key: 'lastPullTimestamp', label: t('consumers.lastPull'), render: q => formatTime(q.lastPullTimestamp) },
      { key: 'lastConsumeTimestamp', label: t('consumers.lastConsume'), render: q => formatTime(q.lastConsumeTimestamp) }],
    info.queues, q => q.topic + '/' + q.brokerName + '/' + q.queueId),
    table([{ key: 'k', label: t('consumers.property') }, { key: 'v', label: t('consumers.value') }],
      Object.entries(info.properties).map(([k, v]) => ({ k, v })), r => r.k));
}

async function showGroup(name, box) {
  const g = await attempt(() => api('GET', '/api/groups/' + enc(name)));
  if (!g) return;
  const running = h('div', { id: 'client-info' });
  const c = g.connection;
  box.replaceChildren(h('h2', {}, t('consumers.detail', { group: g.group })),
    h('p', {}, t('consumers.lag') + ': ', lagCell(g.progress), ' · ' + t('consumers.tps') + ': ' + formatValue(g.consumeTps)),
    c.online
      ? h('div', { id: 'group-connection' },
        h('p', {}, t('consumers.consumeType') + ': ' + c.consumeType + ' · ' + t('consumers.messageModel') + ': '
          + c.messageModel + ' · ' + t('consumers.consumeFromWhere') + ': ' + c.consumeFromWhere),
        table([{ key: 'clientId', label: t('consumers.clientId') }, { key: 'clientAddr', label: t('consumers.clientAddr') },
          { key: 'language', label: t('consumers.language') }, { key: 'version', label: t('consumers.version'), num: true },
          { key: 'run', label: '', render: cl => h('button', { class: 'client-info', onclick: () => showClient(g.group, cl.clientId, running) },
            t('consumers.runningInfoButton')) }], c.clients, cl => cl.clientId),
        h('h2', {}, t('consumers.subscriptions')),
        table([{ key: 'topic', label: t('consumers.topic') }, { key: 'expression', label: t('consumers.expression') },
          { key: 'expressionType', label: t('consumers.expressionType') }], c.subscriptions, s => s.topic))
      : h('p', { class: 'muted', id: 'group-offline' }, c.reason),
    h('h2', {}, t('consumers.progress')),
    table([{ key: 'topic', label: t('consumers.topic') }, { key: 'brokerName', label: t('consumers.broker') },
      { key: 'queueId', label: t('consumers.queue'), num: true },
      { key: 'brokerOffset', label: t('consumers.brokerOffset'), num: true },
      { key: 'consumerOffset', label: t('consumers.consumerOffset'), num: true },
      { key: 'lag', label: t('consumers.lag'), num: true },
      { key: 'lastTimestamp', label: t('consumers.lastConsume'), render: q => formatTime(q.lastTimestamp) }],
    g.progress.queues, q => q.topic + '/' + q.brokerName + '/' + q.queueId),
    running);
}

export async function render(main, params, session) {
  const canWrite = session.role !== 'VIEWER';
  const detail = h('div', { id: 'group-detail', class: 'panel' });
  const body = h('div', {});
  const search = h('input', { id: 'group-search', placeholder: t('consumers.searchHint'), value: params.get('search') || '' });
  let offset = 0;
  const load = async (from, refresh) => {
    offset = from;
    const page = await attempt(() => api('GET', '/api/groups?search=' + enc(search.value) + '&offset=' + from
      + (refresh ? '&refresh=1' : '')));
    if (!page) return;
    const reload = () => load(offset, true);
    body.replaceChildren(table([
      { key: 'group', label: t('consumers.group'), render: g => h('a', { href: '#/consumers?search=' + enc(g.group),
        class: 'group-detail', onclick: (e) => { e.preventDefault(); showGroup(g.group, detail); } }, g.group) },
      { key: 'lag', label: t('consumers.lag'), num: true, render: lagCell },
      { key: 'consumeTps', label: t('consumers.tps'), num: true },
      { key: 'topics', label: t('consumers.topics'), render: g => g.topics.join(', ') },
      { key: 'brokers', label: t('consumers.brokers'), render: g => g.brokers.join(', ') },
      { key: 'consumeEnable', label: t('consumers.config.consumeEnable'),
        render: g => g.config ? t(g.config.consumeEnable ? 'consumers.yes' : 'consumers.no') : '' },
      { key: 'broadcast', label: t('consumers.config.consumeBroadcastEnable'),
        render: g => g.config ? t(g.config.consumeBroadcastEnable ? 'consumers.yes' : 'consumers.no') : '' },
      { key: 'actions', label: '', render: g => canWrite && h('span', { class: 'actions' },
        h('button', { class: 'group-edit', onclick: () => editGroup(g, reload) }, t('consumers.editButton')), ' ',
        h('button', { class: 'group-reset', onclick: async () => { if (await resetOffsets(g.group, null, false)) reload(); } },
          t('consumers.resetButton')), ' ',
        h('button', { class: 'group-skip', onclick: async () => { if (await resetOffsets(g.group, null, true)) reload(); } },
          t('consumers.skipButton')), ' ',
        h('button', { class: 'danger group-delete', onclick: async () => {
          if (!await confirmDialog(t('consumers.deleteConfirm', { group: g.group }))) return;
          if (await attempt(() => api('DELETE', '/api/groups/' + enc(g.group)))) { toast(t('consumers.deleted', { group: g.group })); reload(); }
        } }, t('common.delete'))) },
    ], page.items, g => g.group), pager(page, load));
  };
  main.append(h('h1', {}, t('nav.consumers')),
    h('form', { class: 'toolbar', onsubmit: (e) => { e.preventDefault(); load(0); } }, search,
      h('button', { type: 'submit', id: 'group-search-button' }, t('common.search')),
      canWrite && h('button', { type: 'button', id: 'group-create', class: 'primary',
        onclick: () => editGroup(null, () => load(offset, true)) }, t('consumers.create'))),
    body, detail);
  await load(0);
}
