// The admin inbox. The session is an HttpOnly cookie the script never sees; every call that gets 401
// shows the login form again. All data is inserted with textContent.
const $ = (id) => document.getElementById(id);
let current = null; // the ticket shown in the detail view

async function call(method, path, body) {
  // Every state-changing request is JSON, which the server insists on (a cross-site form cannot send it).
  const post = method !== 'GET';
  const response = await fetch(path, {
    method,
    headers: post ? { 'Content-Type': 'application/json' } : {},
    body: post ? JSON.stringify(body || {}) : undefined,
  });
  let data = null;
  try { data = await response.json(); } catch { /* status only */ }
  if (response.status === 401) {
    showLogin();
    throw new Error((data && data.error) || 'log in first');
  }
  if (!response.ok) throw new Error((data && data.error) || response.statusText);
  return data;
}

// "2 Dec 2026, 14:05", in the reader's time zone.
const WHEN = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

function when(iso) {
  const date = new Date(iso);
  return iso && !Number.isNaN(date.getTime()) ? WHEN.format(date) : '';
}

function row(cells) {
  const tr = document.createElement('tr');
  for (const cell of cells) {
    const td = document.createElement('td');
    td.textContent = cell ?? '';
    tr.append(td);
  }
  return tr;
}

function showLogin() {
  $('inbox').hidden = true;
  $('logout').hidden = true;
  $('login-form').hidden = false;
}

async function loadEscalations() {
  const status = $('status-filter').value;
  const list = await call('GET', `/admin/api/escalations${status ? `?status=${encodeURIComponent(status)}` : ''}`);
  $('escalations').tBodies[0].replaceChildren(...list.map((e) => {
    const tr = row(['', when(e.createdAt), e.status, e.name ? `${e.name} <${e.email}>` : e.email, e.question, String(e.attempts)]);
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
  $('detail-title').textContent = `${e.ticket} (${e.status})`;
  const fields = [['Received', when(e.createdAt)], ['E-mail', e.email || '(deleted)'], ['Name', e.name || ''],
    ['From', e.origin], ['Language', e.language], ['May quote anonymously', e.quoteConsent ? 'yes' : 'no'],
    ['Handled', when(e.handledAt)]];
  $('detail-fields').replaceChildren(...fields.flatMap(([k, v]) => {
    const dt = document.createElement('dt');
    dt.textContent = k;
    const dd = document.createElement('dd');
    dd.textContent = v;
    return [dt, dd];
  }));
  $('detail-question').textContent = e.question || '(deleted after the retention period)';
  $('detail-transcript').replaceChildren(...(e.transcript || []).map((turn) => {
    const li = document.createElement('li');
    li.textContent = `${turn.role === 'user' ? 'Researcher' : 'Helpdesk'}: ${turn.text}`;
    return li;
  }));
  $('detail-assessment').textContent = e.assessment || '(none)';
  $('detail-deliveries').replaceChildren(...e.deliveries.map((d) => {
    const li = document.createElement('li');
    li.textContent = `${d.kind}: ${d.status}, ${d.attempts} attempt(s)${d.lastError ? ` — ${d.lastError}` : ''}`;
    return li;
  }));
  $('retry').hidden = !e.deliveries.some((d) => d.status === 'failed');
  $('handled').hidden = e.status === 'handled';
  $('detail').scrollIntoView({ block: 'start' });
}

async function loadLists() {
  const [unanswered, feedback] = await Promise.all([call('GET', '/admin/api/unanswered'), call('GET', '/admin/api/feedback')]);
  $('unanswered').tBodies[0].replaceChildren(...unanswered.map((u) => row([when(u.askedAt), u.outcome,
    u.confidence.toFixed(2), u.language, u.question])));
  $('feedback').tBodies[0].replaceChildren(...feedback.map((f) => row([when(f.createdAt), f.rating, f.question, f.comment])));
}

async function enter() {
  const session = await call('GET', '/admin/api/session');
  $('login-form').hidden = true;
  $('inbox').hidden = false;
  $('logout').hidden = false;
  $('mail-state').textContent = session.mailConfigured
    ? 'Mail is configured: escalations are sent to the office and a receipt to the researcher.'
    : 'Mail is not configured (HELPDESK_SMTP_HOST): escalations are only stored here. Answer them from your own mailbox.';
  await Promise.all([loadEscalations(), loadLists()]);
}

async function act(path) {
  $('admin-error').textContent = '';
  try {
    await call('POST', path);
    await loadEscalations();
    await show(current);
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
  if (!email || !window.confirm(`Erase the address, name, questions and transcripts of every escalation from ${email}?`)) return;
  try {
    const result = await call('POST', '/admin/api/people/delete', { email });
    $('person-status').textContent = `Erased the personal data of ${result.escalationsErased} escalation(s).`;
    await loadEscalations();
  } catch (error) {
    $('person-status').textContent = error.message;
  }
});

enter().catch((error) => {
  if (!$('inbox').hidden) return;
  showLogin();
  if (!/log in/.test(error.message)) $('admin-error').textContent = error.message;
});
