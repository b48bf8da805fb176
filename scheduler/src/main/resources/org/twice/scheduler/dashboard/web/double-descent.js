// Double descent: test and train error over width, one line per architecture, optimizer and
// label noise.
'use strict';

const { api, format, table, chart } = twice;

function seriesName(row) {
  return row.architecture + ' ' + row.optimizer + ', label noise ' + format.percent(row.label_noise);
}

function errorChart(id, rows, column) {
  const names = [...new Set(rows.map(seriesName))];
  const widths = rows.map((r) => r.width);
  const logarithmic = widths.length > 0 && Math.max(...widths) / Math.min(...widths) >= 8;
  chart(id, {
    tooltip: { trigger: 'axis', valueFormatter: (v) => v.toFixed(2) + '%' },
    legend: { top: 0 },
    grid: { top: 40 },
    xAxis: { type: logarithmic ? 'log' : 'value', name: 'width', logBase: 2, scale: true },
    yAxis: { type: 'value', name: 'error (%)', min: 0 },
    series: names.map((name) => ({
      name, type: 'line', symbolSize: 8,
      data: rows.filter((r) => seriesName(r) === name).map((r) => [r.width, 100 * r[column]]),
    })),
  });
}

async function render(experiment) {
  if (!experiment) return;
  const rows = await api('double_descent', { experiment: experiment.experiment_id });
  errorChart('test-error', rows, 'test_error');
  errorChart('train-error', rows, 'train_error');
  table('errors', rows, [
    ['architecture', 'architecture'], ['optimizer', 'optimizer'],
    ['label_noise', 'label noise', format.percent, 'number'], ['width', 'width', null, 'number'],
    ['test_error', 'test error', format.percent, 'number'],
    ['test_error_low', 'lowest', format.percent, 'number'],
    ['test_error_high', 'highest', format.percent, 'number'],
    ['train_error', 'train error', format.percent, 'number'],
    ['parameters', 'parameters', (p) => Math.round(p).toLocaleString('en'), 'number'],
    ['models', 'models', null, 'number'],
  ]);
}

twice.start('Double descent', render);
