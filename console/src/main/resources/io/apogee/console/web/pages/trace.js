// Message trace page: a message's trace records (from RMQ_SYS_TRACE_TOPIC or a configured trace topic), shown as its
// publish, consumption and transaction-end events with times, hosts, costs and status; when there are none, why and
// how trace is turned on.
import { api, h, t, table, formatTime, attempt } from '../ui.js';

export const bundle = 'trace';

const enc = encodeURIComponent;

function status(e) {
  if (e.type === 'Sub' && !e.finished) return h('span', { class: 'warn' }, t('trace.unfinished'));
  if (e.type === 'EndTransaction') return e.transactionState || '';
  return h('span', { class: e.success ? 'ok' : 'error' }, e.success ? t('trace.success') : t('trace.failed'));
}

export async function render(main, params) {
  const msgId = h('input', { id: 'trace-msgid', size: 36, value: params.get('msgId') || '' });
  const topic = h('input', { id: 'trace-topic', value: params.get('traceTopic') || 'RMQ_SYS_TRACE_TOPIC' });
  const out = h('div', { id: 'trace-result' });

  const find = async () => {
    const data = await attempt(() => api('GET', '/api/trace?msgId=' + enc(msgId.value.trim()) + '&traceTopic=' + enc(topic.value.trim())));
    if (!data) { out.replaceChildren(); return; }
    if (data.events.length === 0) {
      out.replaceChildren(h('div', { class: 'panel', id: 'trace-none' },
        h('p', {}, data.traceTopicExists ? t('trace.noRecords', { msgId: data.msgId, topic: data.traceTopic })
          : t('trace.noTopic', { topic: data.traceTopic })),
        h('p', { class: 'muted' }, t('trace.howTo')),
        h('ul', {}, h('li', {}, t('trace.howTo.client')), h('li', {}, t('trace.howTo.broker')),
          h('li', {}, t('trace.howTo.topic')))));
      return;
    }
    out.replaceChildren(h('p', { class: 'muted' }, t('trace.found', { count: data.events.length, topic: data.traceTopic })),
      table([
        { key: 'type', label: t('trace.event'), render: e => t('trace.type.' + e.type) },
        { key: 'timestamp', label: t('trace.time'), render: e => formatTime(e.timestamp) },
        { key: 'group', label: t('trace.group') },
        { key: 'clientHost', label: t('trace.clientHost') },
        { key: 'storeHost', label: t('trace.storeHost') },
        { key: 'costTime', label: t('trace.cost'), num: true, render: e => e.costTime === undefined ? '' : e.costTime + ' ms' },
        { key: 'retryTimes', label: t('trace.retryTimes'), num: true },
        { key: 'status', label: t('trace.status'), render: status },
        { key: 'topic', label: t('trace.topic') },
        { key: 'tags', label: t('trace.tags') },
        { key: 'keys', label: t('trace.keys') },
      ], data.events, e => e.type + '-' + (e.requestId || e.timestamp)));
  };

  main.append(h('h1', {}, t('nav.trace')),
    h('form', { class: 'panel toolbar', onsubmit: (e) => { e.preventDefault(); find(); } },
      h('label', {}, h('div', { class: 'muted' }, t('trace.msgId')), msgId),
      h('label', {}, h('div', { class: 'muted' }, t('trace.traceTopic')), topic),
      h('button', { class: 'primary', id: 'trace-search', type: 'submit' }, t('common.search'))),
    out);
  if (msgId.value) await find();
}
