import { SIP_LIBRARY_ENTRY } from './sip-library';

/**
 * The desktop's browser softphone (an ES module the page imports only when calls ring in the
 * browser). It registers the agent's WebRTC endpoint over SIP-over-WebSocket (RFC 7118) with
 * sip.js and shows incoming calls with Answer and Hang up. The SIP password lives in this
 * module's memory only: never stored, never sent anywhere but in the PBX's digest exchange.
 */
export const SOFTPHONE_JS = String.raw`
import { Registerer, RegistererState, SessionState, UserAgent } from '${SIP_LIBRARY_ENTRY}';

var $ = function (sel) { return document.querySelector(sel); };
var phone = null;
var call = null;

function status(text) { $('#softphone-status').textContent = text; }

function showCall(invitation) {
  var who = invitation.remoteIdentity;
  $('#incoming-caller').textContent = who.displayName ? who.displayName + ' (' + who.uri.user + ')' : who.uri.user;
  $('#incoming-state').textContent = 'ringing';
  $('#answer').hidden = false;
  $('#incoming').hidden = false;
}

function hideCall() {
  call = null;
  $('#incoming').hidden = true;
  $('#softphone-audio').srcObject = null;
}

function ring(invitation) {
  // One call at a time: a queue call on top of another is busy here, the queue tries elsewhere.
  if (call) { invitation.reject({ statusCode: 486 }); return; }
  call = invitation;
  invitation.stateChange.addListener(function (state) {
    if (call !== invitation) return;
    if (state === SessionState.Established) {
      $('#incoming-state').textContent = 'in call';
      $('#answer').hidden = true;
      var handler = invitation.sessionDescriptionHandler;
      if (handler && handler.remoteMediaStream) $('#softphone-audio').srcObject = handler.remoteMediaStream;
    }
    if (state === SessionState.Terminated) hideCall();
  });
  showCall(invitation);
}

export function answer() {
  if (!call || call.state !== SessionState.Initial) return Promise.resolve();
  $('#incoming-state').textContent = 'answering';
  return call.accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } })
    .catch(function (error) { $('#incoming-state').textContent = 'could not answer: ' + error.message; });
}

export function hangUp() {
  if (!call) return Promise.resolve();
  var current = call;
  // Before the answer, decline (the queue rings the next member); after it, end the call.
  var done = current.state === SessionState.Established ? current.bye() : current.reject({ statusCode: 486 });
  return done.catch(function () { /* already over */ }).then(function () { if (call === current) hideCall(); });
}

$('#answer').addEventListener('click', answer);
$('#hang-up').addEventListener('click', hangUp);

export function start(settings, password) {
  stop();
  var ua = new UserAgent({
    uri: UserAgent.makeURI(settings.aor),
    transportOptions: { server: settings.wssUrl },
    authorizationUsername: settings.username,
    authorizationPassword: password,
    // sip.js logs SIP messages at debug level: keep the console to errors.
    logLevel: 'error',
    delegate: {
      onInvite: ring,
      onDisconnect: function (error) { if (error) status('Disconnected from the PBX: ' + error.message); },
    },
  });
  var registerer = new Registerer(ua);
  phone = { ua: ua, registerer: registerer };
  registerer.stateChange.addListener(function (state) {
    if (state === RegistererState.Registered) status('Registered as ' + settings.username + ': calls ring here');
    if (state === RegistererState.Unregistered) status('Not registered');
  });
  status('Connecting to ' + settings.wssUrl + '…');
  return ua.start().then(function () {
    return registerer.register({
      requestDelegate: {
        onReject: function (response) {
          var m = response.message;
          // Stopped, and the password asked again: a wrong one must not be retried for ever.
          stop();
          status('The PBX refused the registration: ' + m.statusCode + ' ' + m.reasonPhrase);
          $('#softphone-connect').hidden = false;
        },
      },
    });
  }).catch(function (error) {
    stop();
    status('Could not connect to the PBX: ' + error.message);
    $('#softphone-connect').hidden = false;
  });
}

export function running() { return phone !== null; }

export function stop() {
  if (!phone) return;
  var old = phone;
  phone = null;
  if (call) hangUp();
  // Stopping the user agent unregisters it and closes the socket.
  old.ua.stop().catch(function () { /* the socket is gone already */ });
  status('Not registered');
}
`;
