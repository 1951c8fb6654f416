// The opt-out check page: sends the address to /api/optout-check and shows the verdict, the summary, each signal
// with its evidence, and the sources. Everything from the server or the checked site is set as text, never markup.
import { translate } from './i18n.js';
import { humanDateTime } from './dates.js';
import { applyPageLanguage, initialLanguage, rememberLanguage } from './language.js';

let language = initialLanguage();
let lastResult = null;

const $ = (id) => document.getElementById(id);
const t = (key, values) => translate(language, key, values);

// Verdicts shown with the checklist's verdict colours from style.css.
const VERDICT_STYLE = {
  reserved: 'permission_needed', partly: 'general_exception', none_found: 'research_exception', unreachable: 'unclear',
};

function applyLanguage() {
  applyPageLanguage(language, 'optOutTitle');
}

function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined && text !== null) el.textContent = text;
  return el;
}

async function check(url) {
  $('status').textContent = t('checking');
  $('status').classList.remove('is-error');
  $('check').disabled = true;
  try {
    const response = await fetch('/api/optout-check', {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept-Language': language }, body: JSON.stringify({ url, language }),
    });
    const data = await response.json().catch(() => ({}));
    if (response.status === 429) {
      throw new Error(t('tooMany', { seconds: response.headers.get('Retry-After') || '60' }));
    }
    if (!response.ok) throw new Error(t('failed', { message: data.error || response.statusText }));
    $('status').textContent = '';
    lastResult = data;
    render(data);
    $('result-title').focus();
  } catch (error) {
    $('status').textContent = error.message;
    $('status').classList.add('is-error');
  } finally {
    $('check').disabled = false;
  }
}

function render(result) {
  $('result').hidden = false;
  $('result').className = `verdict verdict-${VERDICT_STYLE[result.verdict] || 'unclear'}`;
  $('result').dataset.verdict = result.verdict;
  $('result-level').textContent = `${t('verdictLabel')}: ${String(result.verdict).replace(/_/g, ' ')}`;
  $('result-title').textContent = t(`verdict_${result.verdict}`);
  $('result-checked').textContent = t('checkedAt', { time: humanDateTime(result.checkedAt, language), url: result.url });
  $('result-summary').textContent = result.summary;

  const signals = result.signals || [];
  $('signals').replaceChildren(...(signals.length === 0 ? [element('li', 'signal-not-reserving', t('noSignals'))]
    : signals.map((signal) => {
      const item = element('li');
      const head = element('span', 'signal-head', signal.agent ? `${signal.source} — ${signal.agent}` : signal.source);
      const rule = element('span', null, `${signal.rule} `);
      const marker = element('span', signal.reserves ? 'signal-reserves' : 'signal-not-reserving',
        `(${signal.reserves ? t('reserves') : t('doesNotReserve')})`);
      const evidence = element('code', 'signal-evidence', signal.evidence);
      item.append(head, rule, marker, evidence);
      return item;
    })));

  const problems = result.problems || [];
  $('problems').replaceChildren(...problems.map((p) => element('li', null, p)));
  $('problems-title').hidden = problems.length === 0;

  $('sources').replaceChildren(...(result.citations || []).map((c) => {
    const item = element('li');
    item.append(element('span', 'source-title', c.title), element('span', 'source-reference', c.reference));
    if (c.url && /^https?:\/\//.test(c.url)) {
      const link = element('a', 'source-link', t('officialText'));
      Object.assign(link, { href: c.url, target: '_blank', rel: 'noopener noreferrer' });
      item.append(link);
    }
    return item;
  }));
}

$('optout-form').addEventListener('submit', (event) => {
  event.preventDefault();
  let url = $('url').value.trim();
  // "www.example.org" as people type it: the check needs a scheme, and https is what sites use.
  if (url && !/^[a-z][a-z0-9+.-]*:/i.test(url)) {
    url = `https://${url}`;
    $('url').value = url;
  }
  if (!url) {
    $('status').textContent = t('emptyUrl');
    $('status').classList.add('is-error');
    $('url').focus();
    return;
  }
  check(url);
});

$('lang-toggle').addEventListener('click', () => {
  language = language === 'en' ? 'nl' : 'en';
  rememberLanguage(language);
  applyLanguage();
  // The summary and sources come from the server in one language: ask again (usually from its cache).
  if (lastResult) check(lastResult.url);
});

const preset = new URLSearchParams(location.search).get('url');
if (preset) $('url').value = preset.slice(0, 2000);
applyLanguage();
