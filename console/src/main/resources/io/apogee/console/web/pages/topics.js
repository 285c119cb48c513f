// Topics page: the snapshot's topics with server-side search, type filter and paging; create / update / delete;
// a topic's route, per-queue offsets and consumer groups with their lag; send a test message; reset a group's offset.
import { api, h, t, table, pager, formatTime, formDialog, confirmDialog, toast, attempt, loadBundle } from '../ui.js';
import { resetOffsets, lagCell } from './consumers.js';

export const bundle = 'topics';

const enc = encodeURIComponent;
const TYPES = ['normal', 'ordered', 'retry', 'dlq', 'delay', 'transaction', 'system'];
const PERMS = { 2: 'W', 4: 'R', 6: 'RW' };

/** R and W for the read and write bits, "+I" for inherit (TBW102). */
function permLabel(perm) {
  return (PERMS[perm & 6] || '-') + (perm & 1 ? '+I' : '');
}

async function editTopic(existing, after) {
  const fields = (existing ? [] : [{ name: 'topic', label: t('topics.topic') }]).concat([
    { name: 'clusterName', label: t('topics.clusterName') },
    { name: 'brokerName', label: t('topics.brokerName') },
    { name: 'writeQueueNums', label: t('topics.writeQueueNums'), type: 'number', value: existing ? existing.writeQueueNums : 8 },
    { name: 'readQueueNums', label: t('topics.readQueueNums'), type: 'number', value: existing ? existing.readQueueNums : 8 },
    { name: 'perm', label: t('topics.perm'), type: 'select', value: permLabel(existing ? existing.perm & 6 : 6), options: ['RW', 'R', 'W'] },
    { name: 'order', label: t('topics.order'), type: 'checkbox', value: existing ? existing.order : false },
  ]);
  const values = await formDialog(existing ? t('topics.edit', { topic: existing.topic }) : t('topics.create'), fields);
  if (!values) return;
  values.perm = Number(Object.keys(PERMS).find(k => PERMS[k] === values.perm));
  const saved = await attempt(() => existing
    ? api('PUT', '/api/topics/' + enc(existing.topic), values) : api('POST', '/api/topics', values));
  if (saved) { toast(t('topics.saved', { topic: saved.topic })); after(); }
}

async function sendTest(topic) {
  const values = await formDialog(t('topics.send', { topic }), [
    { name: 'tags', label: t('topics.tags') }, { name: 'keys', label: t('topics.keys') },
    { name: 'body', label: t('topics.body'), type: 'textarea', value: 'Hello from the Apogee console' }], t('topics.sendButton'));
  if (!values) return;
  const result = await attempt(() => api('POST', '/api/topics/' + enc(topic) + '/send', values));
  if (result) {
    toast(t('topics.sent', { status: result.status, msgId: result.msgId, broker: result.brokerName, queue: result.queueId }));
  }
}

async function showRoute(topic, box) {
  const route = await attempt(() => api('GET', '/api/topics/' + enc(topic) + '/route'));
  if (!route) return;
  box.replaceChildren(h('h2', {}, t('topics.routeOf', { topic })),
    table([{ key: 'cluster', label: t('topics.cluster') }, { key: 'brokerName', label: t('topics.broker') },
      { key: 'addrs', label: t('topics.addrs'), render: b => Object.entries(b.addrs).map(([id, a]) => id + ': ' + a).join(', ') }],
    route.brokers, b => b.brokerName),
    table([{ key: 'brokerName', label: t('topics.broker') }, { key: 'readQueueNums', label: t('topics.readQueueNums'), num: true },
      { key: 'writeQueueNums', label: t('topics.writeQueueNums'), num: true },
      { key: 'perm', label: t('topics.perm'), render: q => permLabel(q.perm) }], route.queues, q => q.brokerName));
}

async function showStatus(topic, box) {
  const status = await attempt(() => api('GET', '/api/topics/' + enc(topic) + '/status'));
  if (!status) return;
  box.replaceChildren(h('h2', {}, t('topics.statusOf', { topic })),
    h('ul', { class: 'error' }, status.unanswered.map(u => h('li', {}, u.brokerName + ': ' + u.error))),
    table([{ key: 'brokerName', label: t('topics.broker') }, { key: 'queueId', label: t('topics.queue'), num: true },
      { key: 'minOffset', label: t('topics.minOffset'), num: true }, { key: 'maxOffset', label: t('topics.maxOffset'), num: true },
      { key: 'lastUpdateTimestamp', label: t('topics.lastUpdate'), render: q => formatTime(q.lastUpdateTimestamp) }],
    status.queues, q => q.brokerName + '/' + q.queueId));
}

async function showConsumers(topic, box, canWrite) {
  const data = await attempt(() => api('GET', '/api/topics/' + enc(topic) + '/consumers'));
  if (!data) return;
  box.replaceChildren(h('h2', {}, t('topics.consumersOf', { topic })),
    h('ul', { class: 'error' }, data.errors.map(e => h('li', {}, e))),
    table([{ key: 'group', label: t('topics.group') },
      { key: 'lag', label: t('topics.lag'), num: true, render: lagCell },
      { key: 'consumeTps', label: t('topics.tps'), num: true },
      { key: 'reset', label: '', render: g => canWrite && h('button', { class: 'topic-group-reset', onclick: async () => {
        if (await resetOffsets(g.group, topic, false)) showConsumers(topic, box, canWrite);
      } }, t('topics.resetButton')) }],
    data.groups, g => g.group));
}

export async function render(main, params, session) {
  await loadBundle('consumers');
  const canWrite = session.role !== 'VIEWER';
  const detail = h('div', { id: 'topic-detail', class: 'panel' });
  const body = h('div', {});
  const search = h('input', { id: 'topic-search', placeholder: t('topics.searchHint'), value: params.get('search') || '' });
  const type = h('select', { id: 'topic-type', 'aria-label': t('topics.type') },
    h('option', { value: '' }, t('topics.allTypes')),
    TYPES.map(k => h('option', { value: k, selected: params.get('type') === k }, t('topics.type.' + k))));
  let offset = 0;
  const load = async (from, refresh) => {
    offset = from;
    const page = await attempt(() => api('GET', '/api/topics?search=' + enc(search.value) + '&type=' + enc(type.value)
      + '&offset=' + from + (refresh ? '&refresh=1' : '')));
    if (!page) return;
    const reload = () => load(offset, true);
    body.replaceChildren(table([
      { key: 'topic', label: t('topics.topic') },
      { key: 'type', label: t('topics.type'), render: r => h('span', { class: 'badge' }, t('topics.type.' + r.type)) },
      { key: 'writeQueueNums', label: t('topics.writeQueueNums'), num: true },
      { key: 'readQueueNums', label: t('topics.readQueueNums'), num: true },
      { key: 'perm', label: t('topics.perm'), render: r => permLabel(r.perm) },
      { key: 'brokers', label: t('topics.brokers'), render: r => r.brokers.join(', ') },
      { key: 'actions', label: '', render: r => h('span', { class: 'actions' },
        h('button', { class: 'topic-route', onclick: () => showRoute(r.topic, detail) }, t('topics.route')), ' ',
        h('button', { class: 'topic-status', onclick: () => showStatus(r.topic, detail) }, t('topics.status')), ' ',
        h('button', { class: 'topic-consumers', onclick: () => showConsumers(r.topic, detail, canWrite) }, t('topics.consumers')), ' ',
        canWrite && [
          h('button', { class: 'topic-send', onclick: () => sendTest(r.topic) }, t('topics.sendButton')), ' ',
          h('button', { class: 'topic-edit', onclick: () => editTopic(r, reload) }, t('topics.editButton')), ' ',
          h('button', { class: 'danger topic-delete', onclick: async () => {
            if (!await confirmDialog(t('topics.deleteConfirm', { topic: r.topic }))) return;
            if (await attempt(() => api('DELETE', '/api/topics/' + enc(r.topic)))) { toast(t('topics.deleted', { topic: r.topic })); reload(); }
          } }, t('common.delete'))]) },
    ], page.items, r => r.topic), pager(page, load));
  };
  type.addEventListener('change', () => load(0));
  main.append(h('h1', {}, t('nav.topics')),
    h('form', { class: 'toolbar', onsubmit: (e) => { e.preventDefault(); load(0); } }, search, type,
      h('button', { type: 'submit', id: 'topic-search-button' }, t('common.search')),
      canWrite && h('button', { type: 'button', id: 'topic-create', class: 'primary',
        onclick: () => editTopic(null, () => load(offset, true)) }, t('topics.create'))),
    body, detail);
  await load(0);
}
