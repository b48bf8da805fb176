// twice dashboard: what every page shares. Pages call twice.start(render); render(experiment)
// draws the page from /api and returns a promise. While the experiment runs, the page draws
// itself again every few seconds. document.body.dataset.renders counts finished drawings.
'use strict';

const twice = (() => {
  const REFRESH_MS = 3000;
  const PAGES = [
    ['index.html', 'Operations'],
    ['reproducibility.html', 'Reproducibility'],
    ['double-descent.html', 'Double descent'],
    ['regions.html', 'Decision regions'],
  ];
  const page = { experiment: null, experiments: [], render: null, always: false, timer: null };

  async function api(name, params) {
    const query = new URLSearchParams(params || {}).toString();
    const response = await fetch('/api/' + name + (query ? '?' + query : ''));
    if (!response.ok) {
      throw new Error(name + ': ' + (await response.text()));
    }
    return response.json();
  }

  function element(tag, attributes, ...children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([key, value]) => {
      if (key === 'class') node.className = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else if (value !== null && value !== undefined) node.setAttribute(key, value);
    });
    children.flat().forEach((child) => {
      if (child !== null && child !== undefined) {
        node.append(child instanceof Node ? child : String(child));
      }
    });
    return node;
  }

  const format = {
    percent: (x) => (x === null || x === undefined ? '' : (100 * x).toFixed(1) + '%'),
    seconds: (x) => (x === null || x === undefined ? '' : Number(x).toFixed(1) + ' s'),
    number: (x) => (x === null || x === undefined ? '' : Number(x).toFixed(2)),
    time: (ms) => (ms ? new Date(ms).toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : ''),
    text: (x) => (x === null || x === undefined ? '' : String(x)),
  };

  // Fills the section's table from rows; each column is [key, title, format, cell class].
  function table(id, rows, columns) {
    const holder = document.getElementById(id);
    if (rows.length === 0) {
      holder.replaceChildren(element('p', { class: 'empty' }, 'none'));
      return;
    }
    const head = element('tr', {}, columns.map(([, title]) => element('th', {}, title)));
    const body = rows.map((row) =>
      element('tr', {}, columns.map(([key, , show, cls]) => {
        const shown = (show || format.text)(row[key], row);
        return element('td', { class: cls || '', 'data-column': key }, shown);
      })));
    holder.replaceChildren(element('table', {}, element('thead', {}, head),
      element('tbody', {}, body)));
  }

  // Draws an ECharts chart into the element with this id, replacing what was there.
  function chart(id, option) {
    const holder = document.getElementById(id);
    const instance = echarts.getInstanceByDom(holder) || echarts.init(holder);
    instance.setOption(Object.assign({ animation: false }, option), true);
    return instance;
  }

  function progressBar(done, total) {
    const share = total > 0 ? done / total : 0;
    return element('div', { class: 'bar', title: done + ' of ' + total },
      element('div', { style: 'width:' + (100 * share).toFixed(1) + '%' }));
  }

  function header(title) {
    const current = location.pathname.replace(/^\//, '') || 'index.html';
    const links = PAGES.map(([href, name]) =>
      element('a', { href: href + location.search, class: href === current ? 'current' : '' }, name));
    const select = element('select', { id: 'experiment', onchange: (e) => choose(e.target.value) });
    document.body.prepend(element('header', {},
      element('h1', {}, 'twice · ' + title),
      element('nav', {}, links),
      element('div', { class: 'experiment' }, element('label', { for: 'experiment' }, 'experiment'),
        select, element('span', { id: 'refresh' }))));
  }

  function choose(id) {
    const search = new URLSearchParams(location.search);
    search.set('experiment', id);
    history.replaceState(null, '', '?' + search.toString());
    document.querySelectorAll('header nav a').forEach((a) => {
      a.href = a.getAttribute('href').split('?')[0] + '?' + search.toString();
    });
    page.experiment = page.experiments.find((e) => String(e.experiment_id) === String(id));
    refresh();
  }

  async function loadExperiments() {
    page.experiments = await api('experiments');
    const select = document.getElementById('experiment');
    const wanted = new URLSearchParams(location.search).get('experiment')
      || (page.experiment && page.experiment.experiment_id)
      || (page.experiments[0] && page.experiments[0].experiment_id);
    select.replaceChildren(...page.experiments.map((e) =>
      element('option', { value: e.experiment_id }, e.experiment_id + ' ' + e.name + ' (' + e.state + ')')));
    page.experiment = page.experiments.find((e) => String(e.experiment_id) === String(wanted)) || null;
    if (page.experiment) select.value = page.experiment.experiment_id;
  }

  async function refresh() {
    clearTimeout(page.timer);
    const status = document.getElementById('refresh');
    try {
      await loadExperiments();
      await page.render(page.experiment);
      document.body.dataset.renders = Number(document.body.dataset.renders || 0) + 1;
      status.textContent = 'updated ' + new Date().toLocaleTimeString();
    } catch (error) {
      status.textContent = 'cannot reach the dashboard: ' + error.message;
    }
    const running = page.experiment && page.experiment.state === 'running';
    if (running || page.always) {
      status.textContent += ' · refreshing every ' + REFRESH_MS / 1000 + ' s';
      page.timer = setTimeout(refresh, REFRESH_MS);
    }
  }

  // Draws the page now and again while the experiment runs (always, if asked).
  function start(title, render, options) {
    page.render = render;
    page.always = Boolean(options && options.always);
    header(title);
    refresh();
  }

  return { api, element, format, table, chart, progressBar, start, refresh };
})();
