// The printable record of one stored assessment, for a data management plan.
import { translate } from './i18n.js';
import { initialLanguage } from './language.js';
import { humanDateTime } from './dates.js';

const $ = (id) => document.getElementById(id);
let language = initialLanguage();
const t = (key, values) => translate(language, key, values);

function element(tag, text, className) {
  const el = document.createElement(tag);
  el.textContent = text;
  if (className) el.className = className;
  return el;
}

function render(result) {
  language = result.language === 'nl' ? 'nl' : 'en';
  document.documentElement.lang = language;
  document.title = `CIP Helpdesk — ${t('reportTitle')}`;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  $('report').dataset.assessmentId = result.assessmentId;
  $('report-meta').replaceChildren(...[[t('reportDate'), humanDateTime(result.assessedAt, language)], [t('reportVersion'), result.checklistVersion],
    [t('reportReference'), result.assessmentId]].flatMap(([term, value]) => [element('dt', term), element('dd', value)]));
  // The verdict, then every other level the answers reached, most restrictive first (none in a record stored
  // before 'levels' existed).
  const others = [...(result.levels || [])].reverse().filter((l) => l.level !== result.verdict.level);
  $('report-verdict').dataset.levels = [result.verdict, ...others].map((l) => l.level).join(' ');
  $('report-verdict').replaceChildren(element('p', result.verdict.title, 'verdict-title'), element('p', result.verdict.text),
    ...others.flatMap((l) => [element('p', l.title, 'verdict-title verdict-also'), element('p', l.text)]));
  $('report-steps').replaceChildren(...result.steps.map((s) => element('li', `${s.question} — ${s.answer}`)));
  $('report-conditions').replaceChildren(...result.conditions.map((c) => element('li', c.text)));
  $('report-flags').replaceChildren(...result.flags.map((f) => element('li', f.text)));
  // A section with nothing in it shows no heading either.
  $('report-conditions-title').hidden = result.conditions.length === 0;
  $('report-flags-title').hidden = result.flags.length === 0;
  $('report-sources').replaceChildren(...result.citations.map((c) => {
    const item = element('li', `${c.title} — ${c.reference}`);
    if (c.url && /^https?:\/\//.test(c.url)) item.append(' ', element('span', c.url, 'source-url'));
    return item;
  }));
}

$('print').addEventListener('click', () => window.print());
const id = new URLSearchParams(location.search).get('id') || '';
fetch(`/api/checklist/assessments/${encodeURIComponent(id)}`)
  .then(async (response) => {
    if (!response.ok) throw new Error(t('reportNotFound'));
    render(await response.json());
  })
  .catch((error) => { $('report-error').textContent = error.message; });
