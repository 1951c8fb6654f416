// The self-assessment wizard: one question at a time. The server is stateless, so every step sends all
// answers so far; going back or changing an answer drops the answers after it, since the path may change.
import { translate } from './i18n.js';
import { escalationForm } from './escalate.js';
import { applyPageLanguage, initialLanguage, rememberLanguage } from './language.js';

let language = initialLanguage();
let answers = [];          // [{question, option}] in the order asked
let current = null;        // the question on screen
let questionCount = 1;     // for the progress bar: the tree's size bounds the path
let latest = null;         // the last result, whose assessment goes to the office if asked
let shownBefore = false;   // whether a question was on screen before this one
// Checklist questions that have a tool to help answer them: question id -> page and link text.
const QUESTION_TOOLS = { opt_out: { href: 'optout.html', label: 'toolOptOut' } };

const $ = (id) => document.getElementById(id);
const t = (key, values) => translate(language, key, values);

function applyLanguage() {
  applyPageLanguage(language, 'checklistTitle');
}

async function post(path, body) {
  const response = await fetch(path, {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept-Language': language }, body: JSON.stringify(body),
  });
  const data = await response.json();
  if (!response.ok) throw new Error(data.error || response.statusText);
  return data;
}

async function assess() {
  $('form-error').textContent = '';
  try {
    const result = await post('/api/checklist/assess', {
      language, answers: Object.fromEntries(answers.map((a) => [a.question, a.option])),
    });
    show(result);
  } catch (error) {
    $('form-error').textContent = error.message;
  }
}

function show(result) {
  renderSteps(result.steps);
  $('wizard').hidden = result.complete;
  $('verdict').hidden = !result.complete;
  if (result.complete) {
    renderVerdict(result);
    $('verdict-title').focus();
    // Announced as well as focused: the level and the verdict, as the page shows them.
    $('checklist-announcer').textContent = `${$('verdict-level').textContent}. ${result.verdict.title}`;
    return;
  }
  current = result.next;
  $('progress-label').textContent = t('progress', { n: answers.length + 1, total: questionCount });
  $('progress').max = questionCount;
  $('progress').value = answers.length;
  $('question-text').textContent = current.text;
  // After an answer (or Back, or Change), focus moves on to the question now asked, so keyboard and screen
  // reader users go on from there; not on the page's first question, where the page itself starts.
  if (shownBefore) $('question-text').focus();
  shownBefore = true;
  $('why-text').textContent = current.help;
  $('why-text').hidden = true;
  const tool = QUESTION_TOOLS[current.id]; // e.g. the opt-out check on the opt-out question
  $('tool-link').hidden = !tool;
  if (tool) Object.assign($('tool-link').firstElementChild, { href: tool.href, textContent: t(tool.label) });
  document.querySelector('.why-toggle').setAttribute('aria-expanded', 'false');
  const options = $('options');
  options.replaceChildren();
  current.options.forEach((option, i) => {
    const id = `option-${i}`;
    const row = document.createElement('div');
    row.className = 'option';
    const input = document.createElement('input');
    Object.assign(input, { type: 'radio', name: 'option', value: option.id, id });
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = option.label;
    row.append(input, label);
    options.append(row);
  });
  $('back').disabled = answers.length === 0;
}

function renderSteps(steps) {
  const list = $('steps');
  list.replaceChildren();
  steps.forEach((step, index) => {
    const item = document.createElement('li');
    const text = document.createElement('span');
    text.textContent = `${step.question} — ${step.answer} `;
    const change = document.createElement('button');
    change.type = 'button';
    change.className = 'change-answer button-secondary';
    change.dataset.question = step.questionId;
    change.textContent = t('change');
    change.setAttribute('aria-label', t('changeAnswerTo', { question: step.question }));
    change.addEventListener('click', () => { answers = answers.slice(0, index); assess(); });
    item.append(text, change);
    list.append(item);
  });
}

function listInto(id, notes) {
  const list = $(id);
  list.replaceChildren(...notes.map((note) => {
    const item = document.createElement('li');
    item.textContent = note.text;
    return item;
  }));
  list.previousElementSibling.hidden = notes.length === 0;
}

// Every level the answers reached, most restrictive (the verdict) first; a record stored before 'levels'
// existed has only its verdict.
function levelsReached(result) {
  const levels = result.levels?.length ? result.levels : [result.verdict];
  return [...levels].reverse();
}

function renderVerdict(result) {
  const levels = levelsReached(result);
  $('verdict').dataset.level = result.verdict.level;
  $('verdict').dataset.levels = levels.map((l) => l.level).join(' ');
  $('verdict').className = `verdict verdict-${result.verdict.level}`;
  const names = t('levelNames');
  $('verdict-level').textContent = `${t('verdictLevel')}: ${levels.map((l) => names[l.level] || l.level.replace(/_/g, ' ')).join(' + ')}`;
  $('verdict-title').textContent = result.verdict.title;
  $('verdict-text').textContent = result.verdict.text;
  // A definite "permission needed" stays visible next to "unclear": each other level reached, with its text.
  $('verdict-also').replaceChildren(...levels.filter((l) => l.level !== result.verdict.level).map((l) => {
    const block = document.createElement('div');
    block.className = `verdict verdict-also verdict-${l.level}`;
    block.dataset.level = l.level;
    const title = document.createElement('h3');
    title.textContent = l.title;
    const text = document.createElement('p');
    text.textContent = l.text;
    block.append(title, text);
    return block;
  }));
  listInto('conditions', result.conditions);
  listInto('flags', result.flags);
  $('verdict-sources').replaceChildren(...result.citations.map((c) => {
    const item = document.createElement('li');
    const title = document.createElement('span');
    title.className = 'source-title';
    title.textContent = c.title;
    const reference = document.createElement('span');
    reference.className = 'source-reference';
    reference.textContent = c.reference;
    item.append(title, reference);
    if (c.url && /^https?:\/\//.test(c.url)) {
      const link = document.createElement('a');
      Object.assign(link, { href: c.url, target: '_blank', rel: 'noopener noreferrer', className: 'source-link' });
      link.textContent = t('officialText');
      item.append(link);
    }
    return item;
  }));
  const id = encodeURIComponent(result.assessmentId);
  const report = new URL(`report.html?id=${id}`, location.href).href;
  $('report-link').href = report;
  $('markdown-link').href = `/api/checklist/assessments/${id}/report.md`;
  latest = result;
  $('office-form').replaceChildren();
  $('send-to-office').setAttribute('aria-expanded', 'false');
}

// The form for the office opens under the verdict, with this assessment attached.
$('send-to-office').addEventListener('click', () => {
  if (!latest || $('office-form').firstChild) return;
  const form = escalationForm({
    language: () => language,
    question: t('officeQuestion', { verdict: latest.verdict.title }),
    assessmentId: latest.assessmentId,
    origin: 'checklist',
  });
  $('office-form').append(form);
  $('send-to-office').setAttribute('aria-expanded', 'true');
  form.querySelector('input').focus();
});

$('question-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const chosen = document.querySelector('input[name="option"]:checked');
  if (!chosen) {
    $('form-error').textContent = t('chooseOption');
    return;
  }
  answers.push({ question: current.id, option: chosen.value });
  assess();
});
$('back').addEventListener('click', () => { answers.pop(); assess(); });
$('restart').addEventListener('click', () => { answers = []; assess(); });
document.querySelector('.why-toggle').addEventListener('click', (event) => {
  const open = event.currentTarget.getAttribute('aria-expanded') !== 'true';
  event.currentTarget.setAttribute('aria-expanded', String(open));
  $('why-text').hidden = !open;
});
$('lang-toggle').addEventListener('click', () => {
  language = language === 'en' ? 'nl' : 'en';
  rememberLanguage(language);
  applyLanguage();
  assess();
});

applyLanguage();
fetch('/api/checklist').then((r) => r.json()).then((tree) => { questionCount = tree.questions?.length || 1; })
  .catch(() => {}).finally(assess);
