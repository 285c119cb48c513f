// Dead letters page: a group's %DLQ% messages by time (server-paged, newest first, filters as on the Messages page),
// batch resend of the selected ones to the original topic or the group's retry topic with a result per message,
// export as JSON or CSV.
import { api, h, t, table, pager, formatTime, toast, attempt, loadBundle } from '../ui.js';
import { localInput, inputMillis, showDetail } from './messages.js';

export const bundle = 'dlq';

const enc = encodeURIComponent;

export async function render(main, params, session) {
  await loadBundle('messages');
  const group = h('input', { id: 'dlq-group', value: params.get('group') || '' });
  const begin = h('input', { id: 'dlq-begin', type: 'datetime-local', value: localInput(Date.now() - 3 * 86400_000) });
  const end = h('input', { id: 'dlq-end', type: 'datetime-local' });
  const fTag = h('input', { id: 'dlq-filter-tag' });
  const fKey = h('input', { id: 'dlq-filter-key' });
  const fBody = h('input', { id: 'dlq-filter-body' });
  const list = h('div', { id: 'dlq-list' });
  const outcome = h('div', { id: 'dlq-outcome' });
  const detail = h('div', { id: 'dlq-detail' });
  const target = h('select', { id: 'dlq-target' },
    h('option', { value: 'TOPIC' }, t('dlq.target.TOPIC')), h('option', { value: 'RETRY' }, t('dlq.target.RETRY')));
  const exportJson = h('a', { id: 'dlq-export-json', class: 'badge', download: '' }, t('dlq.exportJson'));
  const exportCsv = h('a', { id: 'dlq-export-csv', class: 'badge', download: '' }, t('dlq.exportCsv'));
  const canResend = session.role !== 'VIEWER';
  let selected = new Set();

  const query = () => {
    const q = ['group=' + enc(group.value.trim()), 'begin=' + inputMillis(begin.value, 0),
      'end=' + inputMillis(end.value, Date.now())];
    if (fTag.value) q.push('tag=' + enc(fTag.value));
    if (fKey.value) q.push('key=' + enc(fKey.value));
    if (fBody.value) q.push('body=' + enc(fBody.value));
    return q.join('&');
  };

  const load = async (offset = 0) => {
    if (!group.value.trim()) { toast(t('dlq.needGroup'), true); return; }
    selected = new Set();
    outcome.replaceChildren();
    exportJson.href = '/api/dlq/export?format=json&' + query();
    exportCsv.href = '/api/dlq/export?format=csv&' + query();
    const data = await attempt(() => api('GET', '/api/dlq?' + query() + '&offset=' + offset));
    if (!data) { list.replaceChildren(); return; }
    const all = h('input', { type: 'checkbox', id: 'dlq-select-all', 'aria-label': t('dlq.selectAll'), onchange: () => {
      list.querySelectorAll('input.dlq-select').forEach(box => {
        box.checked = all.checked;
        if (all.checked) selected.add(box.value); else selected.delete(box.value);
      });
    } });
    const columns = [
      { key: 'select', label: '', render: m => h('input', { type: 'checkbox', class: 'dlq-select', value: m.offsetMsgId,
        'aria-label': m.msgId, onchange: (e) => { if (e.target.checked) selected.add(m.offsetMsgId); else selected.delete(m.offsetMsgId); } }) },
      { key: 'msgId', label: t('messages.msgId'), render: m => h('button', { class: 'msg-open',
        onclick: () => showDetail(detail, m.offsetMsgId, m.topic, session) }, m.msgId) },
      { key: 'originTopic', label: t('dlq.originTopic') },
      { key: 'tags', label: t('messages.tag') },
      { key: 'keys', label: t('messages.keys') },
      { key: 'reconsumeTimes', label: t('messages.reconsumeTimes'), num: true },
      { key: 'storeTimestamp', label: t('dlq.deadSince'), render: m => formatTime(m.storeTimestamp) },
      { key: 'bornHost', label: t('messages.bornHost') },
      { key: 'bodySize', label: t('messages.size'), num: true },
    ];
    list.replaceChildren(...[
      data.note ? h('p', { class: 'warn', id: 'dlq-note' }, t('messages.truncated', { inRange: data.inRange, read: data.read })) : null,
      h('div', { class: 'toolbar' }, all, h('span', { class: 'muted' }, t('dlq.selectAll'))),
      table(columns, data.items, m => m.msgId),
      pager(data, load),
    ].filter(Boolean));
  };

  const resend = async () => {
    if (selected.size === 0) { toast(t('dlq.selectFirst'), true); return; }
    const r = await attempt(() => api('POST', '/api/dlq/resend', { group: group.value.trim(), target: target.value,
      msgIds: [...selected] }));
    if (!r) return;
    toast(t('dlq.resent', { ok: r.ok, failed: r.failed }), r.failed > 0);
    outcome.replaceChildren(h('h2', {}, t('dlq.outcome')), table([
      { key: 'msgId', label: t('messages.msgId') },
      { key: 'ok', label: t('dlq.result'), render: x => h('span', { class: x.ok ? 'ok' : 'error' }, x.ok ? t('dlq.ok') : t('dlq.failed')) },
      { key: 'topic', label: t('dlq.sentTo') },
      { key: 'newMsgId', label: t('dlq.newMsgId'), render: x => x.ok ? x.newMsgId : x.error },
    ], r.results, x => x.msgId));
  };

  main.append(h('h1', {}, t('nav.dlq')),
    h('p', { class: 'muted' }, t('dlq.hint')),
    h('form', { class: 'panel toolbar', onsubmit: (e) => { e.preventDefault(); load(0); } },
      h('label', {}, h('div', { class: 'muted' }, t('dlq.group')), group),
      h('label', {}, h('div', { class: 'muted' }, t('messages.begin')), begin),
      h('label', {}, h('div', { class: 'muted' }, t('messages.end')), end),
      h('label', {}, h('div', { class: 'muted' }, t('messages.filter.tag')), fTag),
      h('label', {}, h('div', { class: 'muted' }, t('messages.filter.key')), fKey),
      h('label', {}, h('div', { class: 'muted' }, t('messages.filter.body')), fBody),
      h('button', { class: 'primary', id: 'dlq-search', type: 'submit' }, t('common.search'))),
    h('div', { class: 'toolbar' },
      canResend ? [h('span', { class: 'muted' }, t('dlq.resendTo')), target,
        h('button', { id: 'dlq-resend', class: 'primary', onclick: resend }, t('dlq.resend'))] : null,
      exportJson, exportCsv),
    list, outcome, detail);
  if (group.value) await load(0);
}
