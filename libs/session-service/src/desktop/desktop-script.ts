/**
 * The agent desktop's script (runs in the browser, plain ES2020). Kept free of template literals
 * so it can live in this TypeScript string without escaping. It stores the token in
 * sessionStorage: closing the tab signs the agent out of the page (not out of the queues).
 */
export const DESKTOP_JS = String.raw`
'use strict';
var state = { token: sessionStorage.getItem('sb-token'), agentId: sessionStorage.getItem('sb-agent'), agent: null, softphone: null };
var softphoneLoaded = false;
var $ = function (sel) { return document.querySelector(sel); };

function say(text, isError) {
  var m = $('#message');
  m.textContent = text || '';
  m.className = isError ? 'error' : '';
}

function api(method, path, body) {
  var headers = { 'content-type': 'application/json' };
  if (state.token) headers.authorization = 'Bearer ' + state.token;
  return fetch(path, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body) })
    .then(function (res) {
      return res.text().then(function (text) {
        var data = text ? JSON.parse(text) : null;
        if (res.status === 401 && path !== '/api/auth/login') signOut();
        if (!res.ok) throw new Error((data && data.message) || ('HTTP ' + res.status));
        return data;
      });
    });
}

function show(signedIn) {
  $('#sign-in').hidden = signedIn;
  $('#desk').hidden = !signedIn;
  $('#sign-out').hidden = !signedIn;
  $('#who').textContent = signedIn && state.agent ? state.agent.name + ' (' + state.agent.id + ')' : '';
}

function signOut() {
  sessionStorage.removeItem('sb-token');
  sessionStorage.removeItem('sb-agent');
  state = { token: null, agentId: null, agent: null, softphone: null };
  stopSoftphone();
  $('#softphone').hidden = true;
  show(false);
}

// The browser softphone (softphone.js and its SIP library) is loaded only when calls ring here.
function softphone() {
  softphoneLoaded = true;
  return import('/desktop/softphone.js');
}

function stopSoftphone() {
  if (softphoneLoaded) softphone().then(function (m) { m.stop(); });
}

// Shown while the queue rings this browser (logged in with "internal"): registered, or asking
// for the SIP password to register with, or saying that no PBX WebSocket is configured.
function updateSoftphone() {
  return api('GET', '/api/desktop/softphone').then(function (s) {
    state.softphone = s;
    $('#softphone').hidden = !s.ringsHere;
    $('#softphone-connect').hidden = true;
    if (!s.ringsHere) return stopSoftphone();
    if (!s.configured) {
      $('#softphone-status').textContent = 'The internal softphone is not configured (no SOFTPHONE_WSS_URL): calls to this browser ring nowhere. Log in on a phone or a mobile instead.';
      return;
    }
    return softphone().then(function (m) {
      if (m.running()) return;
      $('#softphone-user').textContent = s.username;
      $('#softphone-status').textContent = 'Not registered: calls to this browser ring nowhere until you connect.';
      $('#softphone-connect').hidden = false;
    });
  }).catch(function (error) { $('#softphone-status').textContent = 'Softphone settings unavailable: ' + error.message; });
}

function statusOf(q) {
  if (!q.loggedIn) return 'logged out';
  return q.paused ? 'paused' + (q.pauseReason ? ' (' + q.pauseReason + ')' : '') : 'available';
}

function renderAgent(agent) {
  state.agent = agent;
  var body = $('#queues tbody');
  body.textContent = '';
  agent.queues.forEach(function (q) {
    var row = document.createElement('tr');
    row.dataset.queue = q.queue;
    [q.queue, statusOf(q), q.since ? new Date(q.since).toLocaleTimeString() : ''].forEach(function (text) {
      var cell = document.createElement('td');
      cell.textContent = text;
      row.appendChild(cell);
    });
    body.appendChild(row);
  });
  show(true);
}

function fillSelect(select, options, empty) {
  // The lists are reloaded after every login and logout: a choice the agent made meanwhile stays
  // chosen while it is still offered.
  var chosen = select.value;
  select.textContent = '';
  if (options.length === 0 && empty) options = [{ value: '', label: empty }];
  options.forEach(function (o) {
    var option = document.createElement('option');
    option.value = o.value;
    option.textContent = o.label;
    select.appendChild(option);
  });
  if (options.some(function (o) { return o.value === chosen; })) select.value = chosen;
}

function refresh() {
  return api('GET', '/api/agents/' + encodeURIComponent(state.agentId)).then(renderAgent);
}

function loadChoices() {
  // Phones by the hot-desk rules (registered, unclaimed, not stale; all when none registered).
  // An agent with its own line is offered it first (an empty phoneId means the own line).
  var own = state.agent && state.agent.line ? [{ value: '', label: 'My own phone — ' + state.agent.line }] : [];
  var phones = api('GET', '/api/phones/available').then(function (list) {
    fillSelect($('#log-in [name=phoneId]'), own.concat((list.items || list).map(function (p) {
      return { value: p.id, label: (p.name || p.id) + (p.line ? ' — ' + p.line : '') + (p.stale ? ' (stale)' : '') };
    })), 'no phone available');
  }).catch(function () { fillSelect($('#log-in [name=phoneId]'), own, 'no phone available'); });
  var reasons = api('GET', '/api/pause-reasons').then(function (list) {
    fillSelect($('#pause [name=reason]'), list.map(function (r) { return { value: r.code, label: r.label || r.code }; }));
  });
  return Promise.all([phones, reasons]);
}

function act(promise, done) {
  say('');
  return promise.then(function (result) {
    if (result && result.agent) renderAgent(result.agent);
    var deferred = result && result.outcomes ? result.outcomes.filter(function (o) { return o.result === 'deferred'; }) : [];
    say(deferred.length ? done + ' after the current call' : done);
  }).catch(function (error) { say(error.message, true); });
}

$('#sign-in').addEventListener('submit', function (e) {
  e.preventDefault();
  var form = e.target;
  api('POST', '/api/auth/login', { login: form.login.value, password: form.password.value }).then(function (res) {
    if (res.role !== 'agent') throw new Error('the desktop is for agents; supervisors use the API');
    state.token = res.token;
    state.agentId = res.agentId;
    sessionStorage.setItem('sb-token', res.token);
    sessionStorage.setItem('sb-agent', res.agentId);
    form.password.value = '';
    return refresh().then(loadChoices).then(updateSoftphone).then(function () { say('Signed in'); });
  }).catch(function (error) { say(error.message, true); });
});

$('#ring-where').addEventListener('change', function () {
  var where = $('#log-in [name=interface]:checked').value;
  $('#phone-choice').hidden = where !== 'phone';
  $('#mobile-choice').hidden = where !== 'mobile';
});

$('#log-in').addEventListener('submit', function (e) {
  e.preventDefault();
  var form = e.target;
  var where = form.querySelector('[name=interface]:checked').value;
  var body = { interface: where };
  if (where === 'phone' && form.phoneId.value) body.phoneId = form.phoneId.value;
  if (where === 'mobile') body.mobileNumber = form.mobileNumber.value;
  act(api('POST', '/api/agents/' + encodeURIComponent(state.agentId) + '/login', body), 'Logged in').then(loadChoices).then(updateSoftphone);
});

$('#pause').addEventListener('submit', function (e) {
  e.preventDefault();
  act(api('POST', '/api/agents/' + encodeURIComponent(state.agentId) + '/pause', { reason: e.target.reason.value }), 'Paused');
});
$('#unpause').addEventListener('click', function () {
  act(api('POST', '/api/agents/' + encodeURIComponent(state.agentId) + '/unpause', {}), 'Available');
});
$('#log-out').addEventListener('click', function () {
  act(api('POST', '/api/agents/' + encodeURIComponent(state.agentId) + '/logout', {}), 'Logged out').then(loadChoices).then(updateSoftphone);
});
$('#sign-out').addEventListener('click', signOut);

$('#softphone-connect').addEventListener('submit', function (e) {
  e.preventDefault();
  var form = e.target;
  // The password goes to the softphone's memory and nowhere else; the field is emptied at once.
  var password = form.sipPassword.value;
  form.sipPassword.value = '';
  form.hidden = true;
  softphone().then(function (m) { return m.start(state.softphone, password || undefined); }).catch(function (error) {
    $('#softphone-status').textContent = 'The softphone could not start: ' + error.message;
    form.hidden = false;
  });
});

if (state.token) refresh().then(loadChoices).then(updateSoftphone).catch(function () { signOut(); }); else show(false);
`;
