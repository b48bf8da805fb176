// Reproducibility: the matrix over the experiment's grouping as a heatmap with values and 95%
// intervals, a table of architecture x optimizer with test accuracy, and every scored pair.
'use strict';

const { api, format, table, chart, element } = twice;

function groupings(rows) {
  const select = document.getElementById('group-by');
  const names = [...new Set(rows.map((r) => r.group_by))];
  const chosen = names.includes(select.value) ? select.value : names[0];
  select.replaceChildren(...names.map((n) => element('option', { value: n }, n)));
  if (chosen) select.value = chosen;
  return chosen;
}

function matrix(rows) {
  const grouping = groupings(rows);
  const cells = rows.filter((r) => r.group_by === grouping);
  if (cells.length === 0) {
    chart('matrix', { title: { text: 'no reproducibility scores yet', left: 'center', top: 'middle' } });
    return;
  }
  const groups = [...new Set(cells.flatMap((c) => [c.first_group, c.second_group]))]
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const values = cells.map((c) => 100 * c.agreement);
  chart('matrix', {
    tooltip: {
      formatter: (p) => p.data.first + ' vs ' + p.data.second + '<br>' + p.data.value[2].toFixed(1)
        + '% [' + p.data.low.toFixed(1) + ', ' + p.data.high.toFixed(1) + '], ' + p.data.pairs + ' pairs',
    },
    grid: { left: 100, bottom: 50, top: 20, right: 90 },
    xAxis: { type: 'category', data: groups, name: grouping, nameLocation: 'center', nameGap: 30 },
    yAxis: { type: 'category', data: groups, inverse: true },
    visualMap: { min: Math.floor(Math.min(...values)), max: 100, calculable: true,
      orient: 'vertical', right: 0, top: 'center', inRange: { color: ['#f7fbff', '#08306b'] } },
    series: [{
      type: 'heatmap',
      label: {
        show: true,
        lineHeight: 16,
        formatter: (p) => p.data.value[2].toFixed(1) + '%\n[' + p.data.low.toFixed(1) + ', '
          + p.data.high.toFixed(1) + ']',
      },
      data: cells.map((c) => ({
        value: [groups.indexOf(c.first_group), groups.indexOf(c.second_group), 100 * c.agreement],
        first: c.first_group, second: c.second_group, pairs: c.pairs,
        low: 100 * c.agreement_low, high: 100 * c.agreement_high,
      })),
    }],
  });
}

function paperTable(rows) {
  const holder = document.getElementById('paper-table');
  if (rows.length === 0) {
    holder.replaceChildren(element('p', { class: 'empty' }, 'no models yet'));
    return;
  }
  const architectures = [...new Set(rows.map((r) => r.architecture))];
  const optimizers = [...new Set(rows.map((r) => r.optimizer))];
  const cell = (architecture, optimizer) => {
    const row = rows.find((r) => r.architecture === architecture && r.optimizer === optimizer);
    if (!row) return element('td', {});
    return element('td', {
      'data-architecture': architecture, 'data-optimizer': optimizer,
      'data-agreement': row.agreement, 'data-test-accuracy': row.test_accuracy,
    }, row.agreement === null ? '–' : format.percent(row.agreement),
    element('span', { class: 'accuracy' }, 'test accuracy ' + format.percent(row.test_accuracy)
      + ' · ' + (row.pairs || 0) + ' pairs of ' + row.models + ' models'));
  };
  holder.replaceChildren(element('table', { class: 'paper' },
    element('thead', {}, element('tr', {}, element('th', {}, 'architecture'),
      optimizers.map((o) => element('th', {}, o)))),
    element('tbody', {}, architectures.map((a) => element('tr', {}, element('th', {}, a),
      optimizers.map((o) => cell(a, o)))))));
}

async function render(experiment) {
  if (!experiment) return;
  const e = { experiment: experiment.experiment_id };
  const [cells, paper, pairs] = await Promise.all([
    api('reproducibility_matrix', e), api('reproducibility_table', e), api('reproducibility_pairs', e)]);
  matrix(cells);
  paperTable(paper);
  table('pairs', pairs, [
    ['first_label', 'first model'], ['second_label', 'second model'],
    ['agreement', 'agreement', format.percent, 'number'],
    ['agreement_low', '95% interval', (low, r) => format.percent(low) + ' – '
      + format.percent(r.agreement_high), 'number'],
    ['triplets', 'triplets', null, 'number'],
  ]);
}

document.getElementById('group-by').addEventListener('change', () => twice.refresh());
twice.start('Reproducibility', render);
