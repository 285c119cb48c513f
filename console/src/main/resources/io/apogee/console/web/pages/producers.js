// Producers page: the online producers of a group on the brokers of a topic.
import { api, h, t, table, attempt } from '../ui.js';

export const bundle = 'producers';

export async function render(main, params) {
  const group = h('input', { id: 'producer-group', placeholder: t('producers.group'), value: params.get('group') || '' });
  const topic = h('input', { id: 'producer-topic', placeholder: t('producers.topic'), value: params.get('topic') || '' });
  const body = h('div', { id: 'producer-result' }, h('p', { class: 'muted' }, t('producers.hint')));
  const load = async () => {
    const data = await attempt(() => api('GET', '/api/producers?group=' + encodeURIComponent(group.value)
      + '&topic=' + encodeURIComponent(topic.value)));
    if (!data) return;
    body.replaceChildren(h('p', {}, t('producers.count', { count: data.clients.length, group: data.group, topic: data.topic })),
      table([{ key: 'clientId', label: t('producers.clientId') }, { key: 'clientAddr', label: t('producers.clientAddr') },
        { key: 'language', label: t('producers.language') }, { key: 'version', label: t('producers.version'), num: true }],
      data.clients, c => c.clientId));
  };
  main.append(h('h1', {}, t('nav.producers')),
    h('form', { class: 'toolbar', onsubmit: (e) => { e.preventDefault(); load(); } }, group, topic,
      h('button', { type: 'submit', class: 'primary', id: 'producer-query' }, t('producers.query'))),
    body);
  if (group.value && topic.value) await load();
}
