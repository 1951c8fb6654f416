// The insight page's knowledge section: which generation of the knowledge answers, a reload button for handlers, and
// the last reload's result (problems by file and line, or the question sets' diff). A reload runs on the server for
// seconds to a minute; the page asks for its state until it ends. Every text is inserted with textContent.
import { translate } from './i18n.js';

const $ = (id) => document.getElementById(id);
const POLL_MS = 1000;
const language = () => (document.documentElement.lang === 'nl' ? 'nl' : 'en');
const t = (key, values) => translate(language(), key, values);
let status = null;
let awaiting = false; // a reload this page started, whose end it has not seen yet

async function call(method, path) {
  const response = await fetch(path, {
    method,
    headers: { 'Accept-Language': language(), ...(method === 'POST' ? { 'Content-Type': 'application/json' } : {}) },
    body: method === 'POST' ? '{}' : undefined,
  });
  let data = null;
  try { data = await response.json(); } catch { /* status only */ }
  if (!response.ok) {
    const error = new Error((data && data.error) || response.statusText);
    error.status = response.status;
    throw error;
  }
  return data;
}

function time(iso) {
  return new Intl.DateTimeFormat(language() === 'nl' ? 'nl-NL' : 'en-GB',
    { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(new Date(iso));
}

function list(titleKey, className, items) {
  const wrapper = document.createElement('div');
  wrapper.className = className;
  const heading = document.createElement('h3');
  heading.textContent = t(titleKey);
  const ul = document.createElement('ul');
  ul.append(...items.map((text) => {
    const li = document.createElement('li');
    li.textContent = text;
    return li;
  }));
  wrapper.append(heading, ul);
  return wrapper;
}

function render() {
  if (!status) return;
  $('reload-serving').textContent = t('reloadServing', { generation: status.generation });
  const running = status.runningSince !== null;
  $('reload-button').disabled = running;
  const parts = [];
  const line = document.createElement('p');
  const last = status.last;
  if (running) {
    line.textContent = t('reloadRunning');
  } else if (!last) {
    line.textContent = t('reloadNone');
  } else {
    const values = { generation: last.generation, when: time(last.finishedAt), trigger: last.trigger,
      seconds: (last.durationMs / 1000).toFixed(1) };
    line.textContent = t(last.status === 'switched' ? 'reloadSwitched' : 'reloadRefused', values);
  }
  line.className = 'reload-line';
  parts.push(line);
  if (!running && last) {
    if (last.problems.length) {
      parts.push(list('reloadProblems', 'reload-problems',
        last.problems.map((p) => `${p.path}:${p.line}: ${p.message}`)));
    }
    if (last.diff) {
      const diff = document.createElement('p');
      diff.className = 'reload-diff';
      diff.textContent = t('reloadDiff', { before: last.diff.passedBefore, after: last.diff.passedAfter,
        questions: last.diff.questions });
      parts.push(diff);
      const change = (c) => t('reloadChange', { set: c.set, id: c.id, question: c.question, after: c.after });
      if (last.diff.newlyFailing.length) {
        parts.push(list('reloadNewlyFailing', 'reload-failing', last.diff.newlyFailing.map(change)));
      }
      if (last.diff.newlyPassing.length) {
        parts.push(list('reloadNewlyPassing', 'reload-passing', last.diff.newlyPassing.map(change)));
      }
    }
  }
  $('reload-result').replaceChildren(...parts);
  $('reload').dataset.state = running ? 'running' : (last ? last.status : 'none');
  $('reload').dataset.generation = status.generation;
}

async function refresh() {
  try {
    status = await call('GET', '/admin/api/knowledge');
    $('reload-error').textContent = '';
    render();
    if (status.runningSince !== null) {
      setTimeout(refresh, POLL_MS);
    } else if (awaiting) {
      awaiting = false;
      if (status.last && status.last.status === 'switched') {
        // The gaps name the closest cards of the knowledge that answers: the page draws them again from the new one.
        document.dispatchEvent(new CustomEvent('knowledge-switched'));
      }
    }
  } catch (error) {
    if (error.status !== 401) $('reload-error').textContent = error.message; // 401: the page shows its login hint
  }
}

async function start() {
  $('reload-error').textContent = '';
  try {
    await call('POST', '/admin/api/knowledge/reload');
    awaiting = true;
  } catch (error) {
    $('reload-error').textContent = error.message;
  }
  refresh();
}

async function init() {
  try {
    const session = await call('GET', '/admin/api/session');
    const handler = session.role === 'handler';
    $('reload-button').hidden = !handler;
    $('reload-viewer').hidden = handler;
  } catch {
    return; // not signed in: the insight script shows the way to the login
  }
  refresh();
}

$('reload-button').addEventListener('click', start);
$('lang-toggle').addEventListener('click', render); // after the page's own handler switched the language
init();
