/*
 * minzheng-flow: the staff operations on tasks in Tasklist (转办 委派 加签 退回 撤回 抄送 催办), the 抄送我的 list and
 * the urged mark on the task cards. Loaded through customScripts in config.js; each plugin calls the application
 * API (/api/tasks/..., /api/applications/...) with the webapp's login session and its CSRF token, so the same
 * rules hold as for any other client (jurisdiction, role, 回避, one person one role, the engine's state).
 */

const appRoot = (document.querySelector('base') && document.querySelector('base').getAttribute('app-root')) || '/camunda';
const API = appRoot.replace(/\/camunda\/?$/, '') + '/api';

function cookie(name) {
  const match = document.cookie.split(';').map(c => c.trim()).find(c => c.startsWith(name + '='));
  return match ? decodeURIComponent(match.substring(name.length + 1)) : '';
}

function currentTaskId() {
  const hash = window.location.hash || '';
  const query = hash.indexOf('?') >= 0 ? hash.substring(hash.indexOf('?') + 1) : '';
  return new URLSearchParams(query).get('task');
}

/** Calls the application API; resolves with the JSON answer, rejects with the Chinese message(s). */
async function call(method, path, body, csrf) {
  // the application API asks the session's CSRF token of every request from a webapp page, reads included
  const headers = {Accept: 'application/json', 'X-XSRF-TOKEN': cookie('XSRF-TOKEN') || csrf || ''};
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(API + path, {
    method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body)
  });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (!response.ok) {
    const errors = json && json.errors ? json.errors.map(e => e.field + ':' + e.message).join(';') : null;
    throw new Error(errors || (json && json.message) || ('请求失败(' + response.status + ')'));
  }
  return json;
}

function el(tag, attributes, children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([k, v]) => {
    if (k === 'text') {
      node.textContent = v;
    } else {
      node.setAttribute(k, v);
    }
  });
  (children || []).forEach(c => node.appendChild(c));
  return node;
}

/** The operations: label, the fields of its small form, and the call. */
const OPERATIONS = [
  {op: 'transfer', label: '转办', fields: ['toUser', 'reason'],
    send: (id, v) => ['POST', '/tasks/' + id + '/transfer', {toUser: v.toUser, reason: v.reason}]},
  {op: 'delegate', label: '委派', fields: ['toUser', 'reason'],
    send: (id, v) => ['POST', '/tasks/' + id + '/delegate', {toUser: v.toUser, reason: v.reason}]},
  {op: 'resolve', label: '交回委派', fields: ['opinion'], onlyDelegated: true,
    send: (id, v) => ['POST', '/tasks/' + id + '/resolve', {opinion: v.opinion}]},
  {op: 'countersign', label: '加签', fields: ['users', 'reason'],
    send: (id, v) => ['POST', '/tasks/' + id + '/countersign', {users: v.users, reason: v.reason}]},
  {op: 'return', label: '退回', fields: ['toStep', 'reason'],
    send: (id, v) => ['POST', '/tasks/' + id + '/return', {toStep: v.toStep, reason: v.reason}]},
  {op: 'withdraw', label: '撤回', fields: ['reason'], needsCase: true,
    send: (id, v, s) => ['POST', '/applications/' + s.applicationNo + '/withdraw', {reason: v.reason}]},
  {op: 'copy', label: '抄送', fields: ['users', 'reason'], needsCase: true,
    send: (id, v, s) => ['POST', '/applications/' + s.applicationNo + '/copies', {users: v.users, reason: v.reason}]},
  {op: 'urge', label: '催办', fields: ['message'],
    send: (id, v) => ['POST', '/tasks/' + id + '/urge', {message: v.message}]}
];

const LABELS = {toUser: '交给同事', users: '同事(用户名,逗号分隔)', toStep: '退回到环节', reason: '理由', opinion: '办理意见', message: '催办内容'};

function field(name, state) {
  if (name === 'toUser') {
    const select = el('select', {name: 'toUser', class: 'form-control input-sm'});
    select.appendChild(el('option', {value: '', text: '请选择'}));
    (state.colleagues || []).forEach(c => select.appendChild(el('option', {value: c.id, text: c.name ? c.id + '(' + c.name + ')' : c.id})));
    return select;
  }
  if (name === 'toStep') {
    const select = el('select', {name: 'toStep', class: 'form-control input-sm'});
    select.appendChild(el('option', {value: '', text: '请选择已办理的环节'}));
    (state.returnSteps || []).forEach(s => select.appendChild(el('option', {value: s.step, text: s.name})));
    return select;
  }
  if (name === 'users') {
    return el('input', {name: 'users', type: 'text', class: 'form-control input-sm', placeholder: '例如 xf1-worker2, xf1-leader'});
  }
  return el('textarea', {name, rows: '2', class: 'form-control input-sm', maxlength: '500'});
}

function values(panel) {
  const v = {};
  panel.querySelectorAll('[name]').forEach(input => {
    const value = input.value.trim();
    if (input.name === 'users') {
      v.users = value ? value.split(/[,,、\s]+/).filter(Boolean) : [];
    } else {
      v[input.name] = value || null;
    }
  });
  return v;
}

const taskActions = {
  id: 'minzheng.task-operations',
  pluginPoint: 'tasklist.task.action',
  priority: 50,
  render: (node, params, scope) => {
    const csrf = params && params.api ? params.api.CSRFToken : '';
    const root = el('div', {class: 'mz-task-operations', style: 'display:inline-block;margin:4px 0'});
    const mark = el('span', {class: 'mz-urged label label-danger', style: 'display:none;margin-right:6px'});
    const buttons = el('div', {class: 'btn-group btn-group-sm', role: 'group'});
    root.appendChild(mark);
    root.appendChild(buttons);
    node.appendChild(root);
    // the task header is one line high: the small forms open above the page, as Tasklist's own dialogs do
    const overlay = el('div', {class: 'mz-op-overlay', style: 'display:none;position:fixed;top:70px;right:24px;z-index:2000;'
      + 'width:440px;background:#fff;border:1px solid #999;box-shadow:0 4px 12px rgba(0,0,0,.3);padding:10px'});
    const panel = el('div', {class: 'mz-op-panel'});
    const message = el('div', {class: 'mz-op-message', style: 'margin-top:6px'});
    const close = el('button', {type: 'button', class: 'close mz-op-close', text: '×'});
    close.onclick = () => { overlay.style.display = 'none'; };
    overlay.appendChild(close);
    overlay.appendChild(panel);
    overlay.appendChild(message);
    document.body.appendChild(overlay);
    let state = {};

    function say(text, ok) {
      message.className = 'mz-op-message ' + (ok ? 'text-success' : 'text-danger');
      message.textContent = text;
    }

    function refreshTasklist() {
      if (scope && scope.$root) {
        scope.$evalAsync(() => scope.$root.$broadcast('refresh'));
      }
    }

    async function load() {
      const id = currentTaskId();
      if (!id) {
        return;
      }
      try {
        state = await call('GET', '/tasks/' + id + '/operations');
      } catch (e) {
        state = {};
      }
      mark.style.display = state.urged ? 'inline-block' : 'none';
      mark.textContent = state.urged ? '已催办' : '';
      mark.title = state.urged || '';
      buttons.querySelectorAll('[data-op="resolve"]').forEach(b => { b.style.display = state.delegated ? '' : 'none'; });
    }

    function open(operation) {
      panel.innerHTML = '';
      message.textContent = '';
      panel.appendChild(el('div', {text: operation.label, style: 'font-weight:bold;margin-bottom:4px'}));
      operation.fields.forEach(name => {
        panel.appendChild(el('label', {text: LABELS[name], style: 'display:block;margin:4px 0 2px'}));
        panel.appendChild(field(name, state));
      });
      const submit = el('button', {type: 'button', class: 'btn btn-primary btn-sm mz-op-submit', style: 'margin-top:6px', text: '确定' + operation.label});
      const cancel = el('button', {type: 'button', class: 'btn btn-default btn-sm', style: 'margin:6px 0 0 6px', text: '取消'});
      cancel.onclick = () => { overlay.style.display = 'none'; };
      submit.onclick = async () => {
        const id = currentTaskId();
        if (operation.needsCase && !state.applicationNo) {
          say('未能读取本任务所属的案件', false);
          return;
        }
        submit.disabled = true;
        try {
          const [method, path, body] = operation.send(id, values(panel), state);
          await call(method, path, body, csrf);
          panel.innerHTML = '';
          say(operation.label + '成功', true);
          refreshTasklist();
          load();
        } catch (e) {
          say(operation.label + '未成功:' + e.message, false);
        } finally {
          submit.disabled = false;
        }
      };
      panel.appendChild(el('div', {}, [submit, cancel]));
      overlay.style.display = 'block';
    }

    OPERATIONS.forEach(operation => {
      const button = el('button', {type: 'button', class: 'btn btn-default mz-op', 'data-op': operation.op, text: operation.label});
      if (operation.onlyDelegated) {
        button.style.display = 'none';
      }
      button.onclick = () => load().then(() => open(operation));
      buttons.appendChild(button);
    });
    load();
    window.addEventListener('hashchange', load);
  },
  unmount: () => {
    document.querySelectorAll('.mz-op-overlay').forEach(o => o.remove());
  }
};

/** 抄送我的: the cases colleagues copied to me, from the navigation bar. */
const copiedToMe = {
  id: 'minzheng.copied-to-me',
  pluginPoint: 'tasklist.navbar.action',
  priority: 60,
  render: node => {
    const link = el('a', {href: '', class: 'mz-copies-link', text: '抄送我的'});
    const list = el('div', {class: 'mz-copies-list', style: 'display:none;position:absolute;right:0;z-index:1000;background:#fff;color:#333;border:1px solid #ccc;padding:8px;min-width:360px;max-height:400px;overflow:auto'});
    const wrapper = el('div', {style: 'position:relative;display:inline-block'}, [link, list]);
    node.appendChild(wrapper);
    link.onclick = async event => {
      event.preventDefault();
      if (list.style.display === 'block') {
        list.style.display = 'none';
        return;
      }
      list.innerHTML = '加载中…';
      list.style.display = 'block';
      try {
        const copies = await call('GET', '/copies');
        list.innerHTML = '';
        if (!copies.length) {
          list.appendChild(el('div', {text: '暂无抄送给我的案件'}));
        }
        copies.forEach(c => list.appendChild(el('div', {class: 'mz-copy', style: 'border-bottom:1px solid #eee;padding:4px 0'}, [
          el('div', {text: c.applicationNo + ' ' + (c.applicantName || '') + '(' + c.status + ')'}),
          el('div', {class: 'text-muted', text: c.copiedBy + ' 抄送' + (c.reason ? ':' + c.reason : '')})
        ])));
      } catch (e) {
        list.textContent = e.message;
      }
    };
  }
};

/** The urged mark on the task cards of the list (催办 raised the priority and left the variable "urged"). */
const urgedCard = {
  id: 'minzheng.urged-card',
  pluginPoint: 'tasklist.card',
  priority: 10,
  render: (node, params) => {
    if (!params || !params.taskId || !params.api) {
      return;
    }
    fetch(params.api.engineApi + '/task/' + params.taskId + '/variables?variableNames=urged&deserializeValues=false',
      {headers: {Accept: 'application/json'}, credentials: 'same-origin'})
      .then(r => (r.ok ? r.json() : {}))
      .then(vars => {
        if (vars && vars.urged) {
          node.appendChild(el('span', {class: 'label label-danger mz-urged-card', title: vars.urged.value, text: '已催办'}));
        }
      })
      .catch(() => {});
  }
};

export default [taskActions, copiedToMe, urgedCard];
