/*
 * minzheng-flow: Cockpit plugins of the civil-affairs bureau (loaded through customScripts in config.js).
 *
 *  - cockpit.dashboard  "民政业务统计": the figures of GET /api/statistics as bar charts and a table.
 *  - cockpit.route      #/case-search "案件查询": GET /api/applications as a search form and a result table.
 *  - cockpit.navigation the header link to 案件查询.
 *
 * Plain JavaScript on purpose (no build step, no library): the plugin API of Cockpit 7.14+ hands each plugin a
 * DOM node and the webapp's API settings; everything here is drawn with HTML and SVG.
 *
 * The application API (/api/**) accepts the Cockpit login's session when the request carries the session's CSRF
 * token in X-XSRF-TOKEN (see WebappSession on the server); the API itself decides what the user may see, so a
 * district bureau gets its district and the city every district, exactly as over HTTP Basic.
 */

const KINDS = {
  dibao: '最低生活保障',
  eldercare: '养老补贴',
  'nursing-home': '养老机构扶持',
  funeral: '惠民殡葬',
  'temporary-assistance': '临时救助'
};

const STATUSES = {
  IN_REVIEW: '审核中',
  PUBLIC_NOTICE: '公示中',
  APPROVED: '已批准',
  REJECTED: '不予批准',
  REFERRED: '已转介',
  REVOKED: '已撤销'
};

const MEASURES = [
  {key: 'received', label: '受理', color: '#4c78a8'},
  {key: 'inReview', label: '审核中', color: '#f2a93b'},
  {key: 'approved', label: '批准', color: '#54a24b'},
  {key: 'rejected', label: '不予批准', color: '#e45756'},
  {key: 'referred', label: '转介', color: '#9d7bd8'}
];

const STYLE = `
.mz-stats, .mz-search { font-size: 14px; margin-bottom: 24px; }
.mz-stats h3, .mz-search h3 { margin-top: 0; }
.mz-search { padding: 15px 20px; }
.mz-form { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-end; margin-bottom: 16px; }
.mz-form label { display: flex; flex-direction: column; font-weight: normal; margin: 0; }
.mz-form input, .mz-form select { height: 30px; padding: 2px 6px; }
.mz-tiles { display: flex; flex-wrap: wrap; gap: 12px; margin-bottom: 16px; }
.mz-tile { border: 1px solid #ddd; border-radius: 4px; padding: 8px 14px; min-width: 110px; background: #fafafa; }
.mz-tile .mz-value { font-size: 22px; font-weight: bold; }
.mz-charts { display: flex; flex-wrap: wrap; gap: 24px; }
.mz-chart { flex: 1 1 420px; min-width: 360px; }
.mz-chart h4 { margin: 8px 0; }
.mz-bar-row { display: flex; align-items: center; margin: 2px 0; }
.mz-bar-label { width: 170px; flex: none; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.mz-bar-track { flex: 1; }
.mz-bar { height: 12px; margin: 1px 0; display: flex; align-items: center; }
.mz-bar span { margin-left: 4px; font-size: 11px; white-space: nowrap; }
.mz-legend span { display: inline-block; margin-right: 12px; }
.mz-legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; }
.mz-table { border-collapse: collapse; margin-top: 16px; width: 100%; }
.mz-table th, .mz-table td { border: 1px solid #ddd; padding: 4px 8px; text-align: right; }
.mz-table th:first-child, .mz-table th:nth-child(2), .mz-table td:first-child, .mz-table td.mz-text, .mz-table.mz-left th { text-align: left; }
.mz-error { color: #b94a48; margin: 8px 0; }
.mz-json { background: #f7f7f7; border: 1px solid #ddd; padding: 8px; max-height: 400px; overflow: auto; }
`;

function addStyle() {
  if (!document.getElementById('mz-plugin-style')) {
    const style = document.createElement('style');
    style.id = 'mz-plugin-style';
    style.textContent = STYLE;
    document.head.appendChild(style);
  }
}

/** The application's context path: the webapps live under <context>/camunda, the application API under <context>/api. */
function contextPath() {
  const appRoot = document.querySelector('base').getAttribute('app-root') || '/camunda';
  return appRoot.replace(/\/camunda\/?$/, '');
}

/** The session's CSRF token: the webapp's current cookie, else the one Cockpit handed to the plugin. */
function csrfToken(api) {
  const cookie = document.cookie.split(';').map(c => c.trim()).find(c => c.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : api && api.CSRFToken;
}

async function getJson(api, path) {
  const response = await fetch(contextPath() + path, {
    credentials: 'same-origin',
    headers: {'Accept': 'application/json', 'X-XSRF-TOKEN': csrfToken(api) || ''}
  });
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    // not JSON: reported by status below
  }
  if (!response.ok) {
    const messages = body && body.errors ? body.errors.map(e => e.message).join(';')
      : body && body.message ? body.message : '请求失败(' + response.status + ')';
    throw new Error(messages);
  }
  return body;
}

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([k, v]) => {
    if (v !== undefined && v !== null) {
      node.setAttribute(k, v);
    }
  });
  children.flat().forEach(c => node.appendChild(typeof c === 'string' || typeof c === 'number'
    ? document.createTextNode(String(c)) : c));
  return node;
}

/** Today in the bureau's zone (China Standard Time, no summer time). */
function officeToday() {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().substring(0, 10);
}

function kindName(kind) {
  return KINDS[kind] || kind;
}

function number(value) {
  return value === null || value === undefined ? '—' : String(value);
}

/** Horizontal bars, one group per label, one bar per series; values scaled to the largest. */
function barChart(title, groups, series, testId) {
  const max = Math.max(1, ...groups.flatMap(g => series.map(s => Number(g.values[s.key]) || 0)));
  const chart = el('div', {'class': 'mz-chart', 'data-chart': testId}, el('h4', {}, title));
  if (series.length > 1) {
    chart.appendChild(el('div', {'class': 'mz-legend'},
      series.map(s => el('span', {}, el('i', {style: 'background:' + s.color}), s.label))));
  }
  if (!groups.length) {
    chart.appendChild(el('div', {}, '所选期间没有数据'));
  }
  groups.forEach(g => {
    const track = el('div', {'class': 'mz-bar-track'});
    series.forEach(s => {
      const value = Number(g.values[s.key]) || 0;
      const width = Math.round(100 * value / max);
      track.appendChild(el('div', {'class': 'mz-bar', title: g.label + ' ' + s.label + ':' + number(g.values[s.key])},
        el('div', {style: 'height:12px;background:' + s.color + ';width:' + Math.max(width, value > 0 ? 1 : 0) + '%'}),
        el('span', {}, number(g.values[s.key]))));
    });
    chart.appendChild(el('div', {'class': 'mz-bar-row'}, el('div', {'class': 'mz-bar-label', title: g.label}, g.label), track));
  });
  return chart;
}

/** Monthly payment totals as vertical SVG columns (one per month, all shown districts together). */
function paymentChart(payments) {
  const chart = el('div', {'class': 'mz-chart', 'data-chart': 'payments'}, el('h4', {}, '月度发放总额(元)'));
  const months = {};
  payments.forEach(p => {
    months[p.month] = (months[p.month] || 0) + Number(p.total);
  });
  const entries = Object.entries(months).sort();
  if (!entries.length) {
    chart.appendChild(el('div', {}, '所选期间没有发放记录'));
    return chart;
  }
  const ns = 'http://www.w3.org/2000/svg';
  const width = Math.max(360, entries.length * 56);
  const height = 200;
  const max = Math.max(...entries.map(e => e[1]), 1);
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', width);
  svg.setAttribute('height', height + 40);
  entries.forEach(([month, total], i) => {
    const h = Math.round((height - 20) * total / max);
    const x = i * 56 + 10;
    const rect = document.createElementNS(ns, 'rect');
    rect.setAttribute('x', x);
    rect.setAttribute('y', height - h);
    rect.setAttribute('width', 36);
    rect.setAttribute('height', h);
    rect.setAttribute('fill', '#4c78a8');
    const tip = document.createElementNS(ns, 'title');
    tip.textContent = month + ':' + total.toFixed(2) + ' 元';
    rect.appendChild(tip);
    svg.appendChild(rect);
    const value = document.createElementNS(ns, 'text');
    value.setAttribute('x', x);
    value.setAttribute('y', height - h - 4);
    value.setAttribute('font-size', '10');
    value.textContent = total >= 10000 ? (total / 10000).toFixed(1) + '万' : total.toFixed(0);
    svg.appendChild(value);
    const label = document.createElementNS(ns, 'text');
    label.setAttribute('x', x);
    label.setAttribute('y', height + 16);
    label.setAttribute('font-size', '11');
    label.textContent = month;
    svg.appendChild(label);
  });
  chart.appendChild(svg);
  return chart;
}

function renderFigures(target, result) {
  target.innerHTML = '';
  const rows = result.byKind || [];
  const sum = key => rows.reduce((a, r) => a + (Number(r[key]) || 0), 0);
  const decided = rows.reduce((a, r) => a + (r.avgWorkingDaysToDecision === null ? 0
    : r.approved + r.rejected + r.referred + (r.revoked || 0)), 0);
  const days = rows.reduce((a, r) => a + (r.avgWorkingDaysToDecision === null ? 0
    : r.avgWorkingDaysToDecision * (r.approved + r.rejected + r.referred + (r.revoked || 0))), 0);
  const tiles = [
    ['received', '受理件数', sum('received')],
    ['inReview', '其中在办', sum('inReview')],
    ['approved', '批准', sum('approved')],
    ['rejected', '不予批准', sum('rejected')],
    ['referred', '转介', sum('referred')],
    ['overdueTasks', '当前超期任务', sum('overdueTasks')],
    ['avgWorkingDays', '平均办结工作日', decided ? (Math.round(10 * days / decided) / 10).toFixed(1) : '—']
  ];
  target.appendChild(el('div', {'class': 'mz-tiles'}, tiles.map(([key, label, value]) =>
    el('div', {'class': 'mz-tile', 'data-total': key}, el('div', {}, label), el('div', {'class': 'mz-value'}, String(value))))));

  const groups = rows.map(r => ({label: kindName(r.kind) + ' · ' + (r.districtName || r.districtCode), values: r}));
  const charts = el('div', {'class': 'mz-charts'});
  charts.appendChild(barChart('各业务、各区县办理情况(件)', groups, MEASURES, 'cases'));
  charts.appendChild(barChart('当前超期任务(件)', groups, [{key: 'overdueTasks', label: '超期任务', color: '#e45756'}], 'overdue'));
  charts.appendChild(barChart('平均办结时长(工作日)', groups.filter(g => g.values.avgWorkingDaysToDecision !== null),
    [{key: 'avgWorkingDaysToDecision', label: '工作日', color: '#72b7b2'}], 'days'));
  charts.appendChild(paymentChart(result.payments || []));
  target.appendChild(charts);

  const table = el('table', {'class': 'mz-table', 'data-table': 'statistics'},
    el('thead', {}, el('tr', {}, ['业务', '区县', '受理', '审核中', '批准', '不予批准', '转介', '撤销', '超期任务', '平均工作日']
      .map(h => el('th', {}, h)))),
    el('tbody', {}, rows.map(r => el('tr', {'data-kind': r.kind, 'data-district': r.districtCode},
      el('td', {}, kindName(r.kind)), el('td', {'class': 'mz-text'}, r.districtName || r.districtCode),
      ['received', 'inReview', 'approved', 'rejected', 'referred', 'revoked', 'overdueTasks', 'avgWorkingDaysToDecision']
        .map(k => el('td', {'data-measure': k}, number(r[k])))))));
  target.appendChild(table);
}

const dashboard = {
  id: 'minzheng-statistics',
  pluginPoint: 'cockpit.dashboard',
  // above Camunda's own dashboard sections: this is what a bureau opens Cockpit for
  priority: 100,
  render: (node, {api}) => {
    addStyle();
    const today = officeToday();
    const from = el('input', {type: 'date', name: 'from', value: today.substring(0, 4) + '-01-01'});
    const to = el('input', {type: 'date', name: 'to', value: today});
    const district = el('select', {name: 'districtCode'}, el('option', {value: ''}, '本人可见的全部区县'));
    const button = el('button', {type: 'submit', 'class': 'btn btn-primary'}, '统计');
    const error = el('div', {'class': 'mz-error', role: 'alert'});
    const figures = el('div', {'class': 'mz-figures'});
    const form = el('form', {'class': 'mz-form'},
      el('label', {}, '开始日期', from), el('label', {}, '结束日期', to), el('label', {}, '区县', district), button);
    const section = el('section', {'class': 'mz-stats', 'data-plugin': 'minzheng-statistics'},
      el('h3', {}, '民政业务统计'), form, error, figures);
    node.appendChild(section);

    const known = new Set();
    const load = async () => {
      error.textContent = '';
      figures.setAttribute('aria-busy', 'true');
      const query = new URLSearchParams({from: from.value, to: to.value});
      if (district.value) {
        query.set('districtCode', district.value);
      }
      try {
        const result = await getJson(api, '/api/statistics?' + query);
        // the districts offered are those the caller's first answers contained (the API decides which)
        (result.byKind || []).forEach(r => {
          if (!known.has(r.districtCode)) {
            known.add(r.districtCode);
            district.appendChild(el('option', {value: r.districtCode}, r.districtName || r.districtCode));
          }
        });
        renderFigures(figures, result);
        figures.setAttribute('data-loaded', 'true');
      } catch (e) {
        figures.innerHTML = '';
        error.textContent = '无法加载统计:' + e.message;
      } finally {
        figures.removeAttribute('aria-busy');
      }
    };
    form.addEventListener('submit', event => {
      event.preventDefault();
      load();
    });
    load();
  }
};

const caseSearch = {
  id: 'minzheng-case-search',
  pluginPoint: 'cockpit.route',
  properties: {path: '/case-search'},
  render: (node, {api}) => {
    addStyle();
    const q = el('input', {type: 'search', name: 'q', placeholder: '申请编号或姓名', maxlength: '50'});
    const kind = el('select', {name: 'kind'}, el('option', {value: ''}, '全部业务'),
      Object.entries(KINDS).map(([k, v]) => el('option', {value: k}, v)));
    const status = el('select', {name: 'status'}, el('option', {value: ''}, '全部状态'),
      Object.entries(STATUSES).map(([k, v]) => el('option', {value: k}, v)));
    const button = el('button', {type: 'submit', 'class': 'btn btn-primary'}, '查询');
    const error = el('div', {'class': 'mz-error', role: 'alert'});
    const summary = el('div', {'class': 'mz-summary'});
    const results = el('div', {'class': 'mz-results'});
    const pager = el('div', {'class': 'mz-pager'});
    const detail = el('pre', {'class': 'mz-json', style: 'display:none', 'data-detail': 'status'});
    const form = el('form', {'class': 'mz-form'}, el('label', {}, '关键字', q), el('label', {}, '业务', kind),
      el('label', {}, '状态', status), button);
    node.appendChild(el('section', {'class': 'mz-search', 'data-plugin': 'minzheng-case-search'},
      el('h3', {}, '案件查询'), form, error, summary, results, pager, detail));
    const size = 20;
    let page = 0;

    const showStatus = async item => {
      detail.style.display = 'block';
      detail.textContent = '加载中…';
      try {
        const body = await getJson(api, '/api/' + item.kind + '/applications/' + encodeURIComponent(item.applicationNo));
        detail.textContent = JSON.stringify(body, null, 2);
      } catch (e) {
        detail.textContent = '无法加载:' + e.message;
      }
    };

    const search = async () => {
      error.textContent = '';
      const query = new URLSearchParams({page: String(page), size: String(size)});
      if (q.value.trim()) {
        query.set('q', q.value.trim());
      }
      if (kind.value) {
        query.set('kind', kind.value);
      }
      if (status.value) {
        query.set('status', status.value);
      }
      try {
        const body = await getJson(api, '/api/applications?' + query);
        summary.textContent = '共 ' + body.total + ' 件';
        results.innerHTML = '';
        results.appendChild(el('table', {'class': 'mz-table mz-left', 'data-table': 'cases'},
          el('thead', {}, el('tr', {}, ['申请编号', '业务', '状态', '申请人', '街道(乡镇)', '提交时间', '办结期限', '详情']
            .map(h => el('th', {}, h)))),
          el('tbody', {}, body.items.map(item => {
            const link = el('a', {href: contextPath() + '/api/' + item.kind + '/applications/' + item.applicationNo,
              'data-status-link': item.applicationNo}, '状态(JSON)');
            link.addEventListener('click', event => {
              event.preventDefault();
              showStatus(item);
            });
            return el('tr', {'data-application-no': item.applicationNo},
              el('td', {'class': 'mz-text'}, item.applicationNo), el('td', {'class': 'mz-text'}, kindName(item.kind)),
              el('td', {'class': 'mz-text'}, item.statusName || STATUSES[item.status] || item.status),
              el('td', {'class': 'mz-text'}, item.applicantName),
              el('td', {'class': 'mz-text'}, item.streetName || item.streetCode || '—'),
              el('td', {'class': 'mz-text'}, item.submittedAt ? new Date(item.submittedAt).toLocaleString('zh-CN',
                {timeZone: 'Asia/Shanghai', hour12: false}) : '—'),
              el('td', {'class': 'mz-text'}, item.caseDeadline || '—'), el('td', {'class': 'mz-text'}, link));
          }))));
        pager.innerHTML = '';
        const pages = Math.max(1, Math.ceil(body.total / size));
        const previous = el('button', {type: 'button', 'class': 'btn btn-default'}, '上一页');
        const next = el('button', {type: 'button', 'class': 'btn btn-default'}, '下一页');
        previous.disabled = page === 0;
        next.disabled = page + 1 >= pages;
        previous.addEventListener('click', () => { page--; search(); });
        next.addEventListener('click', () => { page++; search(); });
        pager.appendChild(el('div', {}, previous, ' 第 ' + (page + 1) + ' / ' + pages + ' 页 ', next));
      } catch (e) {
        results.innerHTML = '';
        error.textContent = '查询失败:' + e.message;
      }
    };
    form.addEventListener('submit', event => {
      event.preventDefault();
      page = 0;
      search();
    });
    search();
  }
};

const navigation = {
  id: 'minzheng-case-search-link',
  pluginPoint: 'cockpit.navigation',
  priority: 50,
  properties: {pagePath: '#/case-search', label: '案件查询', checkActive: path => path.indexOf('#/case-search') > -1},
  render: node => {
    node.appendChild(el('a', {href: '#/case-search'}, '案件查询'));
  }
};

export default [dashboard, caseSearch, navigation];
