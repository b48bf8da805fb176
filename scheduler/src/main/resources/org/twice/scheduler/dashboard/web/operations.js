// Operations: experiments with progress, tasks by kind and state, running tasks, failures,
// workers and the time tasks wait and run.
'use strict';

const KINDS = ['train', 'distill', 'plane', 'score'];
const STATE_COLOURS = { queued: '#9aa5b1', running: '#2f6fb3', succeeded: '#2e8b57', failed: '#c0392b' };
const TASK_STATE_COLOURS = Object.assign({ waiting: '#c5ccd4', ready: '#9aa5b1', blocked: '#8e44ad',
  cancelled: '#5f6b7a' }, STATE_COLOURS);
const { api, format, table, chart, progressBar, element } = twice;

function stateText(state) {
  return element('span', { class: 'state-' + state }, state);
}

function experiments(rows) {
  table('experiments', rows, [
    ['experiment_id', 'id'], ['name', 'name'], ['state', 'state', stateText],
    ['succeeded', 'progress', (done, row) => progressBar(done, row.tasks)],
    ['tasks', 'tasks', null, 'number'], ['succeeded', 'succeeded', null, 'number'],
    ['running', 'running', null, 'number'], ['queued', 'queued', null, 'number'],
    ['failed', 'failed', null, 'number'], ['blocked', 'blocked', null, 'number'],
    ['reused', 'reused', null, 'number'], ['submitted_at', 'submitted', format.time],
    ['finished_at', 'finished', format.time],
  ]);
}

function statesOverTime(rows) {
  const kind = document.getElementById('kind').value;
  const times = [...new Set(rows.map((r) => r.at))];
  const series = Object.keys(STATE_COLOURS).map((state) => ({
    name: state, type: 'line', stack: 'tasks', areaStyle: {}, symbol: 'none',
    color: STATE_COLOURS[state],
    data: times.map((at) => [at, rows.filter((r) => r.at === at && (!kind || r.kind === kind))
      .reduce((sum, r) => sum + Number(r[state]), 0)]),
  }));
  chart('states-over-time', {
    tooltip: { trigger: 'axis' }, legend: {}, xAxis: { type: 'time' },
    yAxis: { type: 'value', name: 'tasks', minInterval: 1 }, series,
  });
}

function taskStates(rows) {
  const kinds = KINDS.filter((k) => rows.some((r) => r.kind === k));
  const states = [...new Set(rows.map((r) => r.state))].sort();
  chart('task-states', {
    tooltip: { trigger: 'axis' }, legend: {},
    xAxis: { type: 'category', data: kinds }, yAxis: { type: 'value', minInterval: 1 },
    series: states.map((state) => ({
      name: state, type: 'bar', stack: 'tasks',
      label: { show: true, formatter: (p) => (p.value ? p.value : '') },
      color: TASK_STATE_COLOURS[state],
      data: kinds.map((kind) => {
        const row = rows.find((r) => r.kind === kind && r.state === state);
        return row ? Number(row.tasks) : 0;
      }),
    })),
  });
}

function timings(rows) {
  table('timings', rows, [
    ['kind', 'kind'], ['tasks', 'tasks', null, 'number'],
    ['wait_mean_s', 'wait mean', format.seconds, 'number'],
    ['wait_p95_s', 'wait p95', format.seconds, 'number'],
    ['wait_max_s', 'wait max', format.seconds, 'number'],
    ['run_mean_s', 'run mean', format.seconds, 'number'],
    ['run_median_s', 'run median', format.seconds, 'number'],
    ['run_p95_s', 'run p95', format.seconds, 'number'],
    ['run_max_s', 'run max', format.seconds, 'number'],
  ]);
  chart('timings-chart', {
    tooltip: { trigger: 'axis' }, legend: {},
    xAxis: { type: 'category', data: rows.map((r) => r.kind) },
    yAxis: { type: 'value', name: 'seconds' },
    series: [
      { name: 'queue wait', type: 'bar', data: rows.map((r) => Number(r.wait_mean_s)) },
      { name: 'run time', type: 'bar', data: rows.map((r) => Number(r.run_mean_s)) },
    ],
  });
}

async function render(experiment) {
  const all = await Promise.all([api('experiments'), api('workers')]);
  experiments(all[0]);
  table('workers', all[1], [
    ['worker_id', 'worker'], ['host', 'host'], ['state', 'state', stateText],
    ['last_heartbeat', 'last heartbeat', format.time], ['current_tasks', 'current tasks'],
    ['tasks_done', 'tasks done', null, 'number'],
    ['tasks_last_hour', 'last hour', null, 'number'],
    ['tasks_per_hour', 'per hour', format.number, 'number'],
    ['concurrency', 'slots', null, 'number'], ['started_at', 'started', format.time],
  ]);
  if (!experiment) return;
  const e = { experiment: experiment.experiment_id };
  const [overTime, states, running, failures, attempts, kindTimings] = await Promise.all([
    api('task_states_over_time', e), api('task_states', e), api('running_tasks', e),
    api('failures', e), api('failed_attempts', e), api('kind_timings', e)]);
  statesOverTime(overTime);
  taskStates(states);
  table('running', running, [
    ['task_id', 'task'], ['kind', 'kind'], ['label', 'label'], ['worker_id', 'worker'],
    ['attempt', 'attempt', (a, r) => a + ' of ' + r.max_attempts],
    ['progress', 'progress', (p) => element('span', {}, progressBar(p, 1), format.percent(p))],
    ['started_at', 'started', format.time],
  ]);
  table('failures', failures, [
    ['task_id', 'task'], ['kind', 'kind'], ['label', 'label'], ['state', 'state', stateText],
    ['attempt', 'attempt', (a, r) => a + ' of ' + r.max_attempts],
    ['not_before', 'retry at', (t, r) => (r.state === 'ready' ? format.time(t) : '')],
    ['error', 'error', null, 'error'],
  ]);
  table('failed-attempts', attempts, [
    ['task_id', 'task'], ['label', 'label'], ['attempt', 'attempt'], ['worker_id', 'worker'],
    ['outcome', 'outcome'], ['finished_at', 'at', format.time], ['error', 'error', null, 'error'],
  ]);
  timings(kindTimings);
}

document.getElementById('kind').addEventListener('change', () => twice.refresh());
twice.start('Operations', render, { always: true });
