// Dashboard: totals, each broker's produce / consume TPS trend (kept by the console for 7 days), top topics by TPS
// and top groups by lag.
import uPlot from 'uplot';
import { api, h, t, table, formatValue, formatTime, attempt } from '../ui.js';

export const bundle = 'dashboard';

function card(id, label, value) {
  return h('div', { class: 'card', id }, h('div', { class: 'muted' }, label), h('div', { class: 'value' }, formatValue(value)));
}

function chart(el, title, series, points, rangeSeconds) {
  // points: one array of [time, value] pairs per series; uPlot wants columns on a shared x axis (seconds).
  const times = [...new Set(points.flatMap(p => p.map(([time]) => time)))].sort((a, b) => a - b);
  const columns = [times.map(x => x / 1000)];
  for (const p of points) {
    const byTime = new Map(p.map(([time, value]) => [time, value]));
    columns.push(times.map(x => (byTime.has(x) ? byTime.get(x) : null)));
  }
  const colors = ['#2563eb', '#16a34a', '#dc2626', '#9333ea', '#ea580c', '#0891b2'];
  el.replaceChildren();
  if (times.length === 0) {
    el.append(h('p', { class: 'muted' }, t('dashboard.noTrend')));
    return;
  }
  const now = Date.now() / 1000;
  new uPlot({
    title, width: Math.max(320, (el.clientWidth || 660) - 20), height: 220,
    scales: { x: { time: true, range: [now - rangeSeconds, now] } },
    series: [{}, ...series.map((label, i) => ({ label, stroke: colors[i % colors.length], width: 1.5,
      points: { show: true, size: 4 } }))],
    axes: [{ stroke: getComputedStyle(document.body).color }, { stroke: getComputedStyle(document.body).color }],
  }, columns, el);
}

export async function render(main) {
  const data = await attempt(() => api('GET', '/api/dashboard'));
  if (!data) return;
  // The range shown: the API keeps whole days; the last hour is drawn from the last day's samples.
  const RANGES = { hour: [1, 3600], day: [1, 86400], week: [7, 7 * 86400] };
  const days = h('select', { id: 'dashboard-days' },
    h('option', { value: 'hour' }, t('dashboard.lastHour')), h('option', { value: 'day' }, t('dashboard.lastDay')),
    h('option', { value: 'week' }, t('dashboard.lastWeek')));
  const range = () => RANGES[days.value];
  const brokerCharts = h('div', { id: 'broker-charts' });
  const topicChart = h('div', { id: 'topic-chart', class: 'panel' });
  const drawBrokers = async () => {
    brokerCharts.replaceChildren();
    for (const b of data.brokers) {
      const el = h('div', { class: 'panel chart', 'data-key': b.key });
      brokerCharts.append(el);
      const trend = await attempt(() => api('GET', '/api/dashboard/broker?key=' + encodeURIComponent(b.key) + '&days=' + range()[0]));
      if (trend) chart(el, b.key + ' (' + b.addr + ')', [t('dashboard.in'), t('dashboard.out')], [trend.in, trend.out],
        range()[1]);
      else el.append(h('p', { class: 'muted' }, t('dashboard.noTrend')));
    }
  };
  const drawTopic = async (topic) => {
    const trend = await attempt(() => api('GET', '/api/dashboard/topic?topic=' + encodeURIComponent(topic) + '&days=' + range()[0]));
    if (trend) chart(topicChart, topic, [t('dashboard.tps')], [trend.tps], range()[1]);
  };
  days.addEventListener('change', drawBrokers);
  const totals = data.totals;
  main.append(
    h('h1', {}, t('nav.dashboard')),
    h('p', { class: 'muted' }, t('common.takenAt', { time: formatTime(data.takenAt) })),
    data.errors.length ? h('ul', { class: 'error' }, data.errors.map(e => h('li', {}, e))) : '',
    h('div', { class: 'cards' },
      card('total-brokers', t('dashboard.brokers'), totals.brokers),
      card('total-topics', t('dashboard.topics'), totals.topics),
      card('total-groups', t('dashboard.groups'), totals.groups),
      card('total-in-tps', t('dashboard.inTps'), totals.inTps),
      card('total-out-tps', t('dashboard.outTps'), totals.outTps),
      card('total-in-today', t('dashboard.inToday'), totals.inToday),
      card('total-out-today', t('dashboard.outToday'), totals.outToday)),
    h('div', { class: 'toolbar' }, h('h2', {}, t('dashboard.brokerTrends')), days),
    brokerCharts,
    h('h2', {}, t('dashboard.topTopics')),
    table([
      { key: 'topic', label: t('dashboard.topic'), render: r => h('a', { href: '#/dashboard', class: 'top-topic',
        onclick: (e) => { e.preventDefault(); drawTopic(r.topic); } }, r.topic) },
      { key: 'tps', label: t('dashboard.tps'), num: true },
    ], data.topTopics, r => r.topic),
    topicChart,
    h('h2', {}, t('dashboard.topGroups')),
    table([
      { key: 'group', label: t('dashboard.group'), render: r => h('a', { href: '#/consumers?search=' + encodeURIComponent(r.group) }, r.group) },
      { key: 'lag', label: t('dashboard.lag'), num: true },
      { key: 'consumeTps', label: t('dashboard.tps'), num: true },
    ], data.topGroups, r => r.group));
  topicChart.append(h('p', { class: 'muted' }, t('dashboard.pickTopic')));
  await drawBrokers();
}
