// The admin inbox. The session is an HttpOnly cookie the script never sees; every call that gets 401
// shows the login form again. All data is inserted with textContent.
import { translate } from './i18n.js';
import { humanDateTime } from './dates.js';
import { applyPageLanguage, initialLanguage, rememberLanguage } from './language.js';

const $ = (id) => document.getElementById(id);
let current = null; // the ticket shown in the detail view
let handler = false; // a viewer sees no button for what the server would refuse (403)
let language = initialLanguage();
const t = (key, values) => translate(language, key, values);

function applyLanguage() {
  applyPageLanguage(language, 'adminTitle');
}

async function call(method, path, body) {
  // Every state-changing request is JSON, which the server insists on (a cross-site form cannot send it).
  const post = method !== 'GET';
  const response = await fetch(path, {
    method,
    // The server writes its errors in the page's language.
    headers: post ? { 'Content-Type': 'application/json', 'Accept-Language': language } : { 'Accept-Language': language },
    body: post ? JSON.stringify(body || {}) : undefined,
  });
  let data = null;
  try { data = await response.json(); } catch { /* status only */ }
  if (response.status === 401) {
    showLogin();
    const error = new Error((data && data.error) || t('logIn'));
    error.status = 401;
    throw error;
  }
  if (!response.ok) throw new Error((data && data.error) || response.statusText);
  return data;
}

// "2 December 2026 at 14:05 CET", in the reader's time zone and the page's language.
const when = (iso) => (iso ? humanDateTime(iso, language) : '');

// A code the server sends (status, outcome, rating, language), in words; an unknown one as sent.
function word(prefix, code) {
  const key = `${prefix}_${code}`;
  const text = t(key);
  return text === key ? code : text;
}

// Each cell carries its column's name, which the narrow layout shows beside it (the table becomes cards).
function row(table, cells) {
  const names = [...table.tHead.rows[0].cells].map((th) => th.textContent);
  const tr = document.createElement('tr');
  cells.forEach((cell, index) => {
    const td = document.createElement('td');
    td.textContent = cell ?? '';
    td.dataset.label = names[index] || '';
    tr.append(td);
  });
  return tr;
}

let options = { password: true, oidc: false };

function showLogin() {
  $('inbox').hidden = true;
  $('logout').hidden = true;
  $('login-form').hidden = !options.password;
  $('oidc-login').hidden = !options.oidc;
}

// A failed sign-in through the institution comes back as ?login_error=<code>; say it in words, once.
function showLoginError() {
  const code = new URLSearchParams(window.location.search).get('login_error');
  if (!code) return;
  const key = `loginError_${code}`;
  $('admin-error').textContent = t(key) === key ? t('loginError_token') : t(key);
  window.history.replaceState(null, '', window.location.pathname);
}

async function loadOptions() {
  try {
    options = await call('GET', '/admin/api/login-options');
  } catch { /* admin off: the error shows when logging in */ }
}

async function loadEscalations() {
  const status = $('status-filter').value;
  const list = await call('GET', `/admin/api/escalations${status ? `?status=${encodeURIComponent(status)}` : ''}`);
  $('escalations').tBodies[0].replaceChildren(...list.map((e) => {
    const tr = row($('escalations'), ['', when(e.createdAt), word('status', e.status), e.name ? `${e.name} <${e.email}>` : e.email,
      e.question, String(e.attempts)]);
    const open = document.createElement('button');
    open.type = 'button';
    open.className = 'link-button';
    open.textContent = e.ticket;
    open.addEventListener('click', () => show(e.ticket));
    tr.cells[0].append(open);
    tr.dataset.status = e.status;
    return tr;
  }));
}

async function show(ticket) {
  const e = await call('GET', `/admin/api/escalations/${encodeURIComponent(ticket)}`);
  current = e.ticket;
  $('detail').hidden = false;
  $('detail-title').textContent = `${e.ticket} (${word('status', e.status)})`;
  const fields = [[t('colReceived'), when(e.createdAt)], [t('fieldEmail'), e.email || t('deleted')], [t('fieldName'), e.name || ''],
    [t('fieldOrigin'), e.origin], [t('colLanguage'), word('language', e.language)],
    [t('fieldQuoteConsent'), e.quoteConsent ? t('yes') : t('no')], [t('fieldHandled'), when(e.handledAt)]];
  $('detail-fields').replaceChildren(...fields.flatMap(([k, v]) => {
    const dt = document.createElement('dt');
    dt.textContent = k;
    const dd = document.createElement('dd');
    dd.textContent = v;
    return [dt, dd];
  }));
  $('detail-question').textContent = e.question || t('deletedAfterRetention');
  $('detail-transcript').replaceChildren(...(e.transcript || []).map((turn) => {
    const li = document.createElement('li');
    li.textContent = `${turn.role === 'user' ? t('roleUser') : t('roleHelpdesk')}: ${turn.text}`;
    return li;
  }));
  $('detail-assessment').textContent = e.assessment || t('none');
  $('detail-deliveries').replaceChildren(...e.deliveries.map((d) => {
    const li = document.createElement('li');
    li.textContent = t('deliveryLine', { kind: word('mail', d.kind), status: word('status', d.status), attempts: d.attempts,
      error: d.lastError || '' });
    return li;
  }));
  $('retry').hidden = !handler || !e.deliveries.some((d) => d.status === 'failed');
  $('handled').hidden = !handler || e.status === 'handled';
  $('detail').scrollIntoView({ block: 'start' });
}

async function loadLists() {
  const [unanswered, feedback] = await Promise.all([call('GET', '/admin/api/unanswered'), call('GET', '/admin/api/feedback')]);
  $('unanswered').tBodies[0].replaceChildren(...unanswered.map((u) => row($('unanswered'), [when(u.askedAt),
    word('outcome', u.outcome), u.confidence.toFixed(2), word('language', u.language), u.question])));
  $('feedback').tBodies[0].replaceChildren(...feedback.map((f) => row($('feedback'), [when(f.createdAt),
    word('rating', f.rating), f.question, f.comment])));
}

const who = (name, account) => (account === 'password' ? t('sharedPassword') : (name && name !== account ? `${name} <${account}>` : account));

async function loadAudit() {
  const audit = await call('GET', '/admin/api/audit');
  $('audit').tBodies[0].replaceChildren(...audit.map((a) => row($('audit'), [when(a.at), who(a.name, a.account),
    word('role', a.role), word('action', a.action), a.target === '-' ? '' : a.target])));
}

async function enter() {
  const session = await call('GET', '/admin/api/session');
  $('login-form').hidden = true;
  $('oidc-login').hidden = true;
  $('inbox').hidden = false;
  $('logout').hidden = false;
  handler = session.role === 'handler';
  document.querySelectorAll('.handler-only').forEach((button) => { button.hidden = !handler; });
  $('viewer-note').hidden = handler;
  $('signed-in').textContent = t('signedInAs', { name: who(session.name, session.account), role: word('role', session.role) });
  $('mail-state').textContent = t(session.mailConfigured ? 'mailConfigured' : 'mailNotConfigured');
  await Promise.all([loadEscalations(), loadLists(), loadAudit()]);
}

async function act(path) {
  $('admin-error').textContent = '';
  try {
    await call('POST', path);
    await loadEscalations();
    await show(current);
    await loadAudit();
  } catch (error) {
    $('admin-error').textContent = error.message;
  }
}

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('admin-error').textContent = '';
  try {
    await call('POST', '/admin/api/login', { password: $('password').value });
    $('password').value = '';
    await enter();
  } catch (error) {
    $('admin-error').textContent = error.message;
  }
});
$('logout').addEventListener('click', async () => {
  await call('POST', '/admin/api/logout').catch(() => {});
  showLogin();
});
$('status-filter').addEventListener('change', () => loadEscalations().catch((e) => { $('admin-error').textContent = e.message; }));
$('retry').addEventListener('click', () => act(`/admin/api/escalations/${encodeURIComponent(current)}/retry`));
$('handled').addEventListener('click', () => act(`/admin/api/escalations/${encodeURIComponent(current)}/handled`));

$('person-form').addEventListener('submit', (event) => {
  event.preventDefault();
  // A plain navigation: the server answers with an attachment, so the browser saves the file.
  window.location.href = `/admin/api/people/export?email=${encodeURIComponent($('person-email').value.trim())}`;
});
$('person-delete').addEventListener('click', async () => {
  const email = $('person-email').value.trim();
  if (!email || !window.confirm(t('personEraseConfirm', { email }))) return;
  try {
    const result = await call('POST', '/admin/api/people/delete', { email });
    $('person-status').textContent = t('personErased', { n: result.escalationsErased });
    await loadEscalations();
  } catch (error) {
    $('person-status').textContent = error.message;
  }
});

$('lang-toggle').addEventListener('click', async () => {
  language = language === 'en' ? 'nl' : 'en';
  rememberLanguage(language);
  applyLanguage();
  if ($('inbox').hidden) return;
  // Lists and the open ticket are drawn in the page's language: draw them again.
  await enter().catch((error) => { $('admin-error').textContent = error.message; });
  if (current) await show(current).catch(() => {});
});

applyLanguage();
loadOptions().then(() => enter()).catch((error) => {
  if (!$('inbox').hidden) return;
  showLogin();
  if (error.status !== 401) $('admin-error').textContent = error.message;
}).finally(showLoginError);
