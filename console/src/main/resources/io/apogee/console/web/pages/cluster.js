// Cluster page: every broker by cluster / name / id, with its figures; a broker's config and runtime stats.
import { api, h, t, table, formatValue, formatTime, attempt } from '../ui.js';

export const bundle = 'cluster';

export async function render(main, params) {
  const detail = h('div', { id: 'broker-detail' });
  const body = h('div', {});
  const load = async (refresh) => {
    const data = await attempt(() => api('GET', '/api/cluster' + (refresh ? '?refresh=1' : '')));
    if (!data) return;
    body.replaceChildren(...[
      h('p', { class: 'muted' }, t('common.takenAt', { time: formatTime(data.takenAt) })),
      data.errors.length ? h('ul', { class: 'error', id: 'cluster-errors' }, data.errors.map(e => h('li', {}, e))) : null,
      table([
        { key: 'clusterName', label: t('cluster.cluster') },
        { key: 'brokerName', label: t('cluster.brokerName') },
        { key: 'brokerId', label: t('cluster.brokerId'), num: true },
        { key: 'addr', label: t('cluster.addr') },
        { key: 'role', label: t('cluster.role'), render: b => t('cluster.role.' + b.role) },
        { key: 'version', label: t('cluster.version'), render: b => b.error ? h('span', { class: 'error' }, b.error) : b.version },
        { key: 'inTps', label: t('cluster.inTps'), num: true },
        { key: 'outTps', label: t('cluster.outTps'), num: true },
        { key: 'inTotalToday', label: t('cluster.inToday'), num: true },
        { key: 'outTotalToday', label: t('cluster.outToday'), num: true },
        { key: 'inTotalYesterday', label: t('cluster.inYesterday'), num: true },
        { key: 'outTotalYesterday', label: t('cluster.outYesterday'), num: true },
        { key: 'diskRatio', label: t('cluster.disk'), num: true,
          render: b => b.diskRatio === undefined ? '' : (b.diskRatio * 100).toFixed(1) + ' %' },
        { key: 'actions', label: '', render: b => h('span', {},
          h('button', { class: 'broker-config', onclick: () => show(b.addr, 'config') }, t('cluster.config')), ' ',
          h('button', { class: 'broker-runtime', onclick: () => show(b.addr, 'runtime') }, t('cluster.runtime'))) },
      ], data.brokers, b => b.addr)].filter(Boolean));
  };
  const show = async (addr, what) => {
    const values = await attempt(() => api('GET', '/api/cluster/broker/' + what + '?addr=' + encodeURIComponent(addr)));
    if (!values) return;
    detail.replaceChildren(h('h2', {}, t('cluster.' + what) + ' — ' + addr),
      table([{ key: 'k', label: t('cluster.key') }, { key: 'v', label: t('cluster.value') }],
        Object.entries(values).map(([k, v]) => ({ k, v: formatValue(v) })), r => r.k));
  };
  main.append(h('h1', {}, t('nav.cluster')),
    h('div', { class: 'toolbar' }, h('button', { id: 'cluster-refresh', onclick: () => load(true) }, t('common.refresh'))),
    body, detail);
  await load(false);
}
