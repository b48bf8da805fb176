// Decision regions: a gallery of maps, one row per triplet and one picture per model, filtered
// by the models' settings. A map holds one class a grid point, row i along the plane's first
// axis; pictures put that axis left to right and the second bottom to top.
'use strict';

const { api, format, element } = twice;
const MAX_PICTURES = 120;
const FILTERS = [
  ['architecture', 'architecture'], ['optimizer', 'optimizer'], ['width', 'width'],
  ['seed', 'seed'], ['label_noise', 'label noise'], ['triplet_mode', 'triplet mode'],
  ['triplet', 'triplet'],
];
const cache = { maps: new Map(), classes: new Map() };

function decode(base64) {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

function rgb(hex) {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

// Paints a map onto a canvas of resolution x resolution pixels: pixel (i, R - 1 - j) is point
// (i, j).
function paint(canvas, map, classes) {
  const r = map.resolution;
  canvas.width = r;
  canvas.height = r;
  const context = canvas.getContext('2d');
  const image = context.createImageData(r, r);
  const points = decode(map.classes);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < r; j++) {
      const known = classes[points[i * r + j]];
      const [red, green, blue] = known ? rgb(known.colour) : [0, 0, 0];
      const at = 4 * ((r - 1 - j) * r + i);
      image.data.set([red, green, blue, 255], at);
    }
  }
  context.putImageData(image, 0, 0);
}

async function mapOf(entry) {
  const key = entry.plane_task_id + '/' + entry.triplet;
  if (!cache.maps.has(key)) {
    cache.maps.set(key, api('map', { plane: entry.plane_task_id, triplet: entry.triplet })
      .then((rows) => rows[0]));
  }
  return cache.maps.get(key);
}

async function classesOf(dataset) {
  if (!cache.classes.has(dataset)) {
    cache.classes.set(dataset, api('classes', { dataset }));
  }
  return cache.classes.get(dataset);
}

function filters(entries) {
  const holder = document.getElementById('filters');
  const chosen = {};
  FILTERS.forEach(([key]) => {
    const current = document.getElementById('filter-' + key);
    chosen[key] = current ? current.value : '';
  });
  holder.replaceChildren(...FILTERS.map(([key, title]) => {
    const values = [...new Set(entries.map((e) => String(e[key])))]
      .sort((a, b) => (isNaN(a) || isNaN(b) ? a.localeCompare(b) : a - b));
    const select = element('select', { id: 'filter-' + key, onchange: () => twice.refresh() },
      element('option', { value: '' }, 'all'),
      values.map((v) => element('option', { value: v }, v)));
    select.value = values.includes(chosen[key]) ? chosen[key] : '';
    return element('label', {}, title, select);
  }));
  return entries.filter((e) => FILTERS.every(([key]) => {
    const value = document.getElementById('filter-' + key).value;
    return value === '' || String(e[key]) === value;
  }));
}

function caption(entry) {
  return entry.architecture + ' w' + entry.width + ' ' + entry.optimizer + ' seed ' + entry.seed
    + (entry.label_noise > 0 ? ' noise ' + format.percent(entry.label_noise) : '')
    + ' · acc ' + format.percent(entry.test_accuracy);
}

async function showLarge(entry) {
  const [map, classes] = await Promise.all([mapOf(entry), classesOf(entry.dataset)]);
  document.getElementById('large-title').textContent =
    'triplet ' + entry.triplet + ' (test images ' + entry.anchors.join(', ') + ') · ' + caption(entry);
  paint(document.getElementById('large-canvas'), map, classes);
  document.getElementById('legend').replaceChildren(...classes.map((c) =>
    element('li', { 'data-class': c.class },
      element('span', { class: 'swatch', style: 'background:' + c.colour }), c.class + ' ' + c.name)));
  document.getElementById('large').showModal();
}

async function picture(entry) {
  const [map, classes] = await Promise.all([mapOf(entry), classesOf(entry.dataset)]);
  const canvas = element('canvas', {
    'data-plane': entry.plane_task_id, 'data-triplet': entry.triplet,
    'data-model': entry.model_task_id, 'data-resolution': entry.resolution,
    'data-dataset': entry.dataset,
  });
  paint(canvas, map, classes);
  return element('figure', { onclick: () => showLarge(entry) }, canvas,
    element('figcaption', {}, caption(entry)));
}

async function render(experiment) {
  if (!experiment) return;
  const entries = await api('maps', { experiment: experiment.experiment_id });
  const shown = filters(entries).slice(0, MAX_PICTURES);
  document.getElementById('shown').textContent = entries.length === 0 ? 'no maps yet'
    : 'showing ' + shown.length + ' of ' + entries.length + ' maps'
      + (shown.length === MAX_PICTURES ? '; narrow the filters to see the others' : '');
  const triplets = [...new Set(shown.map((e) => e.triplet))];
  const rows = await Promise.all(triplets.map(async (triplet) => {
    const row = shown.filter((e) => e.triplet === triplet);
    const pictures = await Promise.all(row.map(picture));
    return element('div', { class: 'triplet' },
      element('h3', {}, 'triplet ' + triplet + ' · test images ' + row[0].anchors.join(', ')),
      element('div', { class: 'pictures' }, pictures));
  }));
  document.getElementById('gallery').replaceChildren(...rows);
}

twice.start('Decision regions', render);
