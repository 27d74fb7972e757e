/**
 * The agent desktop's page: plain HTML, no build step. Everything it does goes through the public
 * HTTP API with the signed-in agent's token, so the page can do nothing the API would not let that
 * agent do; the one third-party code is the softphone's SIP library (see sip-library.ts).
 */
export const DESKTOP_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Switchboard — agent desktop</title>
<link rel="stylesheet" href="/desktop/app.css">
</head>
<body>
<header><h1>Switchboard</h1><span id="who"></span><button id="sign-out" hidden>Sign out</button></header>
<main>
  <p id="message" role="status" aria-live="polite"></p>

  <form id="sign-in">
    <h2>Sign in</h2>
    <label>Agent number or login <input name="login" autocomplete="username" required></label>
    <label>PIN or password <input name="password" type="password" autocomplete="current-password" required></label>
    <button type="submit">Sign in</button>
  </form>

  <section id="desk" hidden>
    <h2>My queues</h2>
    <table id="queues"><thead><tr><th>Queue</th><th>Status</th><th>Since</th></tr></thead><tbody></tbody></table>

    <form id="log-in">
      <h3>Log in</h3>
      <fieldset id="ring-where">
        <legend>Where calls ring</legend>
        <label><input type="radio" name="interface" value="phone" checked> A phone</label>
        <label><input type="radio" name="interface" value="internal"> This browser (internal)</label>
        <label><input type="radio" name="interface" value="mobile"> My mobile</label>
      </fieldset>
      <label id="phone-choice">Phone <select name="phoneId"></select></label>
      <label id="mobile-choice" hidden>Mobile number <input name="mobileNumber" inputmode="tel" pattern="[0-9+]{3,20}"></label>
      <button type="submit">Log in to my queues</button>
    </form>

    <section id="softphone" hidden>
      <h3>Browser softphone</h3>
      <p id="softphone-status" role="status" aria-live="polite"></p>
      <form id="softphone-connect" hidden>
        <label>SIP password of <span id="softphone-user"></span>
          <input name="sipPassword" type="password" autocomplete="off"></label>
        <small>Given by your PBX administrator; leave it empty where the PBX asks none. Kept in this page only.</small>
        <button type="submit">Connect</button>
      </form>
      <div id="incoming" hidden>
        <p>Incoming call: <strong id="incoming-caller"></strong> — <span id="incoming-state"></span></p>
        <button type="button" id="answer">Answer</button>
        <button type="button" id="hang-up">Hang up</button>
      </div>
      <audio id="softphone-audio" autoplay></audio>
    </section>

    <form id="pause">
      <h3>Pause</h3>
      <label>Reason <select name="reason"></select></label>
      <button type="submit">Pause</button>
      <button type="button" id="unpause">Unpause</button>
    </form>

    <p><button type="button" id="log-out">Log out of my queues</button></p>
  </section>
</main>
<script src="/desktop/app.js"></script>
</body>
</html>
`;

export const DESKTOP_CSS = `
body { font-family: system-ui, sans-serif; margin: 0; color: #1b1f24; }
header { display: flex; gap: 1rem; align-items: center; padding: .5rem 1rem; background: #1f3a5f; color: #fff; }
header h1 { font-size: 1.2rem; margin: 0; flex: 1; }
main { max-width: 40rem; margin: 1rem auto; padding: 0 1rem; }
form, section { margin-bottom: 1.5rem; }
label { display: block; margin: .4rem 0; }
fieldset label { display: inline-block; margin-right: 1rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #d0d7de; }
#message:not(:empty) { padding: .5rem; background: #fff8c5; border: 1px solid #d4a72c; }
#message.error { background: #ffebe9; border-color: #cf222e; }
#softphone, #incoming { padding: .5rem; border: 1px solid #d0d7de; }
#incoming { background: #ddf4ff; }
`;
