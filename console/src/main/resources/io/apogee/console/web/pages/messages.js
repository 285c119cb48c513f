// Messages page: find messages by topic and time range (server-paged, newest first), by key or by message id, with
// filters on tag, key, property and body; a message's detail (properties, body as text / JSON / hex, consume status
// per group, resend to a group); a live tail of a topic over server-sent events.
import { api, h, t, table, pager, formatTime, toast, attempt } from '../ui.js';

export const bundle = 'messages';

const enc = encodeURIComponent;
const TAIL_ROWS = 200;

/** `yyyy-MM-ddTHH:mm` in local time, as a datetime-local input takes it. */
export function localInput(millis) {
  const d = new Date(millis - new Date(millis).getTimezoneOffset() * 60000);
  return d.toISOString().slice(0, 16);
}

/** Millis of a datetime-local value, or `fallback` when it is empty. */
export function inputMillis(value, fallback) {
  return value ? new Date(value).getTime() : fallback;
}

function field(id, label, attrs = {}) {
  const input = h('input', Object.assign({ id }, attrs));
  return [h('label', {}, h('div', { class: 'muted' }, label), input), input];
}

/** The message summary columns; `open(row)` shows a message's detail. */
export function messageColumns(open) {
  return [
    { key: 'msgId', label: t('messages.msgId'), render: m => h('button', { class: 'msg-open', onclick: () => open(m) }, m.msgId) },
    { key: 'tags', label: t('messages.tag') },
    { key: 'keys', label: t('messages.keys') },
    { key: 'queue', label: t('messages.queue'), render: m => (m.brokerName || m.storeHost) + ' / ' + m.queueId },
    { key: 'queueOffset', label: t('messages.offset'), num: true },
    { key: 'storeTimestamp', label: t('messages.storeTime'), render: m => formatTime(m.storeTimestamp) },
    { key: 'bornHost', label: t('messages.bornHost') },
    { key: 'bodySize', label: t('messages.size'), num: true },
  ];
}

export async function render(main, params, session) {
  const mode = h('select', { id: 'msg-mode' },
    ['time', 'key', 'id'].map(m => h('option', { value: m, selected: (params.get('mode') || 'time') === m }, t('messages.mode.' + m))));
  const [topicLabel, topic] = field('msg-topic', t('messages.topic'), { value: params.get('topic') || '' });
  const [beginLabel, begin] = field('msg-begin', t('messages.begin'), { type: 'datetime-local', value: localInput(Date.now() - 3600_000) });
  const [endLabel, end] = field('msg-end', t('messages.end'), { type: 'datetime-local' });
  const [keyLabel, key] = field('msg-key', t('messages.key'), { value: params.get('key') || '' });
  const [idLabel, msgId] = field('msg-id', t('messages.msgId'), { value: params.get('msgId') || '', size: 36 });
  const [tagLabel, fTag] = field('msg-filter-tag', t('messages.filter.tag'));
  const [fKeyLabel, fKey] = field('msg-filter-key', t('messages.filter.key'));
  const [propLabel, fProp] = field('msg-filter-property', t('messages.filter.property'), { placeholder: 'name=value' });
  const [bodyLabel, fBody] = field('msg-filter-body', t('messages.filter.body'));
  const results = h('div', { id: 'msg-results' });
  const detail = h('div', { id: 'msg-detail' });

  const showFields = () => {
    const m = mode.value;
    beginLabel.hidden = endLabel.hidden = m === 'id';
    keyLabel.hidden = m !== 'key';
    fKeyLabel.hidden = m === 'key';
    idLabel.hidden = m !== 'id';
  };
  mode.addEventListener('change', showFields);
  showFields();

  // by key, the key asked is the key filter too (the key index may answer messages of another key's hash)
  const filters = () => {
    const q = [];
    if (fTag.value) q.push('tag=' + enc(fTag.value));
    if (fKey.value && mode.value !== 'key') q.push('key=' + enc(fKey.value));
    if (fProp.value) q.push('property=' + enc(fProp.value));
    if (fBody.value) q.push('body=' + enc(fBody.value));
    return q;
  };
  const open = (m) => showDetail(detail, m.msgId, m.topic, session);

  const search = async (offset = 0) => {
    const q = filters();
    if (topic.value) q.push('topic=' + enc(topic.value.trim()));
    let path;
    if (mode.value === 'time') {
      q.push('begin=' + inputMillis(begin.value, 0), 'end=' + inputMillis(end.value, Date.now()), 'offset=' + offset);
      path = '/api/messages?';
    } else if (mode.value === 'key') {
      q.push('key=' + enc(key.value.trim()), 'begin=' + inputMillis(begin.value, 0), 'end=' + inputMillis(end.value, Date.now()));
      path = '/api/messages/by-key?';
    } else {
      q.push('msgId=' + enc(msgId.value.trim()));
      path = '/api/messages/by-id?';
    }
    results.replaceChildren(h('p', { class: 'muted' }, t('common.loading')));
    const data = await attempt(() => api('GET', path + q.join('&')));
    if (!data) { results.replaceChildren(); return; }
    results.replaceChildren(...[
      data.note ? h('p', { class: 'warn', id: 'msg-note' }, t('messages.truncated', { inRange: data.inRange, read: data.read })) : null,
      mode.value === 'time' ? h('p', { class: 'muted', id: 'msg-read' }, t('messages.read', { read: data.read, total: data.total })) : null,
      table(messageColumns(open), data.items, m => m.msgId),
      mode.value === 'time' ? pager(data, search) : h('p', { class: 'muted' }, t('messages.found', { total: data.total, cap: data.cap })),
    ].filter(Boolean));
    if (data.items.length === 1 && mode.value === 'id') open(data.items[0]);
  };

  main.append(h('h1', {}, t('nav.messages')),
    h('form', { class: 'panel toolbar', id: 'msg-form', onsubmit: (e) => { e.preventDefault(); search(0); } },
      h('label', {}, h('div', { class: 'muted' }, t('messages.mode')), mode),
      topicLabel, beginLabel, endLabel, keyLabel, idLabel, tagLabel, fKeyLabel, propLabel, bodyLabel,
      h('button', { class: 'primary', id: 'msg-search', type: 'submit' }, t('common.search'))),
    results, detail, tailPanel(open, params.get('topic') || ''));
  if (params.get('msgId')) await search(0);
}

/** Shows message `msgId` (of `topic`, needed for a client id) in `detail`. */
export async function showDetail(detail, msgId, topic, session) {
  detail.replaceChildren(h('p', { class: 'muted' }, t('common.loading')));
  const m = await attempt(() => api('GET', '/api/messages/detail?msgId=' + enc(msgId) + (topic ? '&topic=' + enc(topic) : '')));
  if (!m) { detail.replaceChildren(); return; }
  const body = h('pre', { id: 'msg-body' });
  const views = {
    text: () => m.bodyText,
    json: () => m.bodyJson ?? t('messages.notJson'),
    hex: () => m.bodyHex + (m.bodyHexTruncated ? '\n' + t('messages.hexTruncated') : ''),
  };
  const viewButtons = Object.keys(views).map(v => h('button', { id: 'msg-body-' + v, onclick: () => {
    body.textContent = views[v]();
    viewButtons.forEach(b => b.classList.toggle('primary', b.id === 'msg-body-' + v));
  } }, t('messages.body.' + v)));
  const initial = m.bodyJson ? 'json' : 'text';
  body.textContent = views[initial]();
  viewButtons.forEach(b => b.classList.toggle('primary', b.id === 'msg-body-' + initial));

  const facts = [['msgId', m.msgId], ['offsetMsgId', m.offsetMsgId], ['topic', m.topic], ['tag', m.tags], ['keys', m.keys],
    ['queue', (m.brokerName || m.storeHost) + ' / ' + m.queueId], ['offset', m.queueOffset],
    ['storeTime', formatTime(m.storeTimestamp)], ['bornTime', formatTime(m.bornTimestamp)], ['bornHost', m.bornHost],
    ['storeHost', m.storeHost], ['size', m.bodySize], ['reconsumeTimes', m.reconsumeTimes]];
  const canResend = session.role !== 'VIEWER';
  const groups = m.consumeStatus.map(s => s.group);
  const groupSelect = h('select', { id: 'msg-resend-group' }, groups.map(g => h('option', { value: g }, g)));
  detail.replaceChildren(h('div', { class: 'panel' },
    h('h2', {}, t('messages.detail', { msgId: m.msgId })),
    table([{ key: 'k', label: t('messages.field') }, { key: 'v', label: t('messages.value') }],
      facts.map(([k, v]) => ({ k: t('messages.' + k), v })), r => r.k),
    h('h2', {}, t('messages.properties')),
    table([{ key: 'k', label: t('messages.name') }, { key: 'v', label: t('messages.value') }],
      Object.entries(m.properties).map(([k, v]) => ({ k, v })), r => r.k),
    h('h2', {}, t('messages.body')), h('div', { class: 'toolbar' }, viewButtons), body,
    h('h2', {}, t('messages.consumeStatus')),
    h('div', { id: 'msg-consume-status' }, m.consumeStatus.length === 0 ? h('p', { class: 'muted' }, t('messages.noGroups')) : table([
      { key: 'group', label: t('messages.group') },
      { key: 'status', label: t('messages.status'), render: s => h('span', { class: s.status === 'CONSUMED' ? 'ok' : s.status === 'NOT_CONSUMED' ? 'warn' : 'muted' }, t('messages.status.' + s.status)) },
      { key: 'consumerOffset', label: t('messages.consumerOffset'), num: true },
      { key: 'reason', label: t('messages.reason'), render: s => s.reason || '' },
    ], m.consumeStatus, s => s.group)),
    canResend && groups.length ? h('div', { class: 'toolbar' },
      h('span', { class: 'muted' }, t('messages.resendTo')), groupSelect,
      h('button', { id: 'msg-resend', onclick: async () => {
        const r = await attempt(() => api('POST', '/api/messages/resend', { topic: m.topic, msgId: m.offsetMsgId, group: groupSelect.value }));
        if (r) toast(t('messages.resent', { group: r.group, client: r.clientId, result: r.consumeResult }));
      } }, t('messages.resend'))) : null,
    h('p', {}, h('a', { href: '#/trace?msgId=' + enc(m.msgId), id: 'msg-trace-link' }, t('messages.showTrace')))));
  detail.scrollIntoView({ block: 'start' });
}

function tailPanel(open, initialTopic) {
  const topic = h('input', { id: 'tail-topic', value: initialTopic });
  const status = h('span', { class: 'muted', id: 'tail-status' }, t('messages.tail.stopped'));
  const rows = [];
  const list = h('div', { id: 'tail-list' });
  const columns = messageColumns(open);
  let source = null;
  const redraw = () => list.replaceChildren(table(columns, rows, m => m.msgId));
  const stop = () => {
    if (source) source.close();
    source = null;
    status.textContent = t('messages.tail.stopped');
  };
  const start = () => {
    stop();
    if (!topic.value.trim()) { toast(t('messages.tail.needTopic'), true); return; }
    rows.length = 0;
    redraw();
    source = new EventSource('/api/messages/tail?topic=' + enc(topic.value.trim()));
    status.textContent = t('messages.tail.connecting');
    source.addEventListener('ready', () => { status.textContent = t('messages.tail.running'); });
    source.addEventListener('message', (e) => {
      rows.unshift(JSON.parse(e.data));
      rows.length = Math.min(rows.length, TAIL_ROWS);
      redraw();
    });
    source.addEventListener('skipped', (e) => toast(t('messages.tail.skipped', { count: JSON.parse(e.data).count })));
    source.addEventListener('problem', (e) => toast(JSON.parse(e.data).error, true));
    source.onerror = () => {
      // the server refused (too many tails, no such topic) or went away: do not reconnect forever
      if (source && source.readyState !== EventSource.OPEN) { stop(); status.textContent = t('messages.tail.ended'); }
    };
  };
  window.addEventListener('hashchange', stop, { once: true });
  return h('div', { class: 'panel', id: 'tail' },
    h('h2', {}, t('messages.tail')),
    h('p', { class: 'muted' }, t('messages.tail.hint')),
    h('div', { class: 'toolbar' }, topic,
      h('button', { id: 'tail-start', class: 'primary', onclick: start }, t('messages.tail.start')),
      h('button', { id: 'tail-stop', onclick: stop }, t('messages.tail.stop')), status),
    list);
}
