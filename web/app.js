// CIP Helpdesk chat. Everything the server or the user wrote is inserted with textContent only, and
// nothing sets inline styles, so the page runs under the server's strict Content-Security-Policy.
import { LANGUAGES, OFFICE_ADDRESS, strings, translate } from './i18n.js';
import { initialLanguage, rememberLanguage } from './language.js';
import { escalationForm } from './escalate.js';
import { randomUuid } from './uuid.js';
import { clearConversation, loadConversation, saveConversation } from './conversation.js';
import { conversationMarkdown } from './export.js';
import { humanDate } from './dates.js';
import { askStreaming, llmAvailable, showDraft } from './stream.js';

const MAX_QUESTION = 2000;
const COUNTER_FROM = 1800;
const MAX_COMMENT = 1000;
const MAX_FEEDBACK_ANSWER = 8000; // the feedback endpoint refuses longer answers
const REQUEST_TIMEOUT_MS = 60_000;

const form = document.getElementById('ask-form');
const input = document.getElementById('question');
const sendButton = document.getElementById('send');
const counter = document.getElementById('counter');
const messages = document.getElementById('messages');
const starterList = document.querySelector('#welcome .starters');
const langToggle = document.getElementById('lang-toggle');

const saved = loadConversation();
let conversationId = saved ? saved.id : randomUuid();
// {question, answer, data} of every answered turn: for the mail to the office, and kept in this tab across reloads.
const transcript = [];
let language = initialLanguage();
// Questions about building a dataset get the self-assessment offered under their answer.
const PLANS_A_DATASET = /scrap|crawl|download|dataset|corpus|verzamel/i;

let busy = false;
const streaming = llmAvailable(); // with an LLM, answers stream in as they are written
let nextId = 0;

const t = (key, values) => translate(language, key, values);

// ---- language -------------------------------------------------------------------------------

function setLanguage(next) {
  language = next;
  rememberLanguage(next);
  applyLanguage();
}

// Interface text is tagged with its dictionary key so a language switch can redo it in place,
// including the controls inside answers already on screen.
function localize(node, key, values) {
  node.dataset.i18n = key;
  if (values) node.dataset.i18nValues = JSON.stringify(values);
  else delete node.dataset.i18nValues;
  node.textContent = t(key, values);
  return node;
}

function localizeLabel(node, key) {
  node.dataset.i18nLabel = key;
  node.setAttribute('aria-label', t(key));
  return node;
}

function applyLanguage() {
  document.documentElement.lang = language;
  document.title = t('pageTitle');
  for (const node of document.querySelectorAll('[data-i18n]')) {
    const values = node.dataset.i18nValues ? JSON.parse(node.dataset.i18nValues) : undefined;
    node.textContent = t(node.dataset.i18n, values);
  }
  for (const node of document.querySelectorAll('[data-i18n-label]')) {
    node.setAttribute('aria-label', t(node.dataset.i18nLabel));
  }
  langToggle.lang = language === 'nl' ? 'en' : 'nl';
  starterList.replaceChildren(...strings[language].starters.map((question) => {
    const item = document.createElement('li');
    const button = make('button', 'starter', question);
    button.type = 'button';
    button.addEventListener('click', () => ask(question));
    item.append(button);
    return item;
  }));
}

// ---- asking ---------------------------------------------------------------------------------

function updateCounter() {
  const length = input.value.length;
  counter.hidden = length < COUNTER_FROM;
  // Emptied rather than only hidden: aria-describedby reads referenced text even when it is hidden.
  if (counter.hidden) {
    delete counter.dataset.i18n;
    counter.textContent = '';
  } else {
    localize(counter, 'charsLeft', { n: MAX_QUESTION - length });
  }
  counter.classList.toggle('at-limit', length >= MAX_QUESTION);
}

function setBusy(value) {
  busy = value;
  // A disabled button drops focus to the page; the question box is where the user goes next anyway.
  if (value && document.activeElement === sendButton) input.focus();
  sendButton.disabled = value;
}

async function ask(rawQuestion) {
  const question = rawQuestion.trim().slice(0, MAX_QUESTION);
  if (!question || busy) return;
  const userBubble = addUserBubble(question);
  setBusy(true);
  const thinking = addThinking();
  let data;
  try {
    // The previous question goes along so a follow-up ("And on a poster?") is read with its topic; the server keeps nothing.
    const previous = transcript.length ? transcript[transcript.length - 1].question : undefined;
    data = readAnswer(await fetchAnswer({ question, language, conversationId, previousQuestion: previous }, thinking));
  } catch (error) {
    reveal(addErrorBubble(question, error, userBubble));
    return;
  } finally {
    thinking.remove();
    setBusy(false);
  }
  transcript.push({ question, answer: data.answer, data });
  saveConversation(conversationId, transcript);
  addAnswerBubble(question, data);
  announce(data);
  // The question at the top, so a long answer is read from its beginning.
  userBubble.scrollIntoView({ block: 'start' });
}

// Streamed when the server has an LLM; the final answer replaces the draft. Any stream trouble: plain /api/ask.
async function fetchAnswer(body, thinking) {
  if (await streaming) {
    try {
      return await askStreaming(body, (text) => showDraft(thinking, text));
    } catch {
      // falls through to the plain request, which reports errors the usual way
    }
  }
  return postJson('/api/ask', body);
}

// The server is ours, but a half-formed answer should fail as an error bubble, not as a broken page.
function readAnswer(data) {
  if (!data || typeof data.answer !== 'string') throw new RequestError('server');
  const outcome = ['answered', 'escalate', 'off_topic'].includes(data.outcome) ? data.outcome : 'answered';
  const text = (value) => (typeof value === 'string' ? value : '');
  return {
    answer: data.answer,
    outcome,
    language: LANGUAGES.includes(data.language) ? data.language : language,
    citations: (Array.isArray(data.citations) ? data.citations : [])
      .filter((c) => c && typeof c === 'object')
      .map((c) => ({
        title: text(c.title), reference: text(c.reference), url: safeUrl(c.url), snippet: text(c.snippet),
        language: LANGUAGES.includes(c.language) ? c.language : null,
      })),
    escalationReason: text(data.escalationReason),
    followUps: (Array.isArray(data.followUps) ? data.followUps : []).filter((f) => typeof f === 'string' && f.trim()),
    disclaimer: text(data.disclaimer),
  };
}

// Only web links become hrefs; anything else (javascript:, data:) is dropped.
function safeUrl(url) {
  if (typeof url !== 'string' || !url) return null;
  try {
    const parsed = new URL(url, location.href);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

class RequestError extends Error {
  constructor(kind, detail = '') {
    super(detail || kind);
    this.kind = kind;
    this.detail = detail;
  }
}

async function postJson(url, body) {
  let response;
  try {
    response = await fetch(url, {
      method: 'POST',
      // The server writes its errors in the page's language.
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Accept-Language': language },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout ? AbortSignal.timeout(REQUEST_TIMEOUT_MS) : undefined,
    });
  } catch (error) {
    throw new RequestError(error && error.name === 'TimeoutError' ? 'timeout' : 'network');
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    // An error page without JSON still gets a message from its status below.
  }
  if (response.ok) return data;
  const detail = data && typeof data.error === 'string' ? data.error : '';
  if (response.status === 503) throw new RequestError('starting', detail);
  if (response.status === 429) throw new RequestError('busy', detail);
  if (response.status >= 400 && response.status < 500 && detail) throw new RequestError('invalid', detail);
  throw new RequestError('server', detail);
}

function errorMessage(error) {
  const kind = error instanceof RequestError ? error.kind : 'server';
  const key = { network: 'errorNetwork', timeout: 'errorTimeout', starting: 'errorStarting', busy: 'errorBusy', invalid: 'errorInvalid' }[kind] || 'errorServer';
  return [key, kind === 'invalid' ? { detail: error.detail } : undefined];
}

// ---- bubbles --------------------------------------------------------------------------------

function make(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function button(className, key) {
  const node = make('button', className);
  node.type = 'button';
  if (key) localize(node, key);
  return node;
}

function uid(prefix) {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

function reveal(node) {
  node.scrollIntoView({ block: 'nearest' });
}

function addUserBubble(question) {
  const bubble = make('div', 'message user');
  bubble.append(localize(make('h3', 'message-label'), 'youLabel'), make('p', 'user-text', question));
  messages.append(bubble);
  return bubble;
}

function addThinking() {
  const bubble = make('div', 'message thinking');
  bubble.append(localize(make('span', 'thinking-text'), 'thinking'), make('span', 'thinking-dots'));
  messages.append(bubble);
  reveal(bubble);
  return bubble;
}

function addErrorBubble(question, error, userBubble) {
  const bubble = make('div', 'message error');
  const [key, values] = errorMessage(error);
  const retry = button('retry', 'retry');
  retry.addEventListener('click', () => {
    if (busy) return;
    // Asked again from scratch so the question and its answer stay together at the end.
    bubble.remove();
    userBubble.remove();
    input.focus();
    ask(question);
  });
  bubble.append(localize(make('p', 'error-text'), key, values), retry);
  messages.append(bubble);
  return bubble;
}

// Emptied first, so the same answer twice is still read out.
function announce(data) {
  const announcer = document.getElementById('announcer');
  announcer.textContent = '';
  const sourceCount = data.outcome !== 'off_topic' ? data.citations.length : 0;
  setTimeout(() => {
    announcer.textContent = sourceCount ? `${data.answer} ${t('sourceCount', { n: sourceCount })}` : data.answer;
  }, 50);
}

function addAnswerBubble(question, data) {
  const bubble = make('article', 'message answer');
  bubble.tabIndex = -1; // reachable by "Jump to latest answer"
  document.getElementById('jump-latest').hidden = false;
  bubble.dataset.outcome = data.outcome;
  bubble.append(localize(make('h3', 'message-label'), 'helpdeskLabel'));

  const text = make('p', 'answer-text', data.answer);
  text.lang = data.language;
  bubble.append(text);

  if (data.outcome === 'escalate') bubble.append(escalation(question, data));
  if (data.outcome !== 'off_topic' && data.citations.length) bubble.append(sources(data));
  if (data.followUps.length) bubble.append(followUps(data));
  if (data.outcome !== 'off_topic' && PLANS_A_DATASET.test(question)) {
    const link = localize(make('a', 'checklist-suggestion'), 'checklistSuggestion');
    link.href = 'checklist.html';
    const line = make('p', 'checklist-suggestion-line');
    line.append(link);
    bubble.append(line);
  }

  const disclaimer = make('p', 'disclaimer', data.disclaimer);
  disclaimer.lang = data.language;
  bubble.append(disclaimer, actions(question, data));
  messages.append(bubble);
  return bubble;
}

function escalation(question, data) {
  const box = make('div', 'escalation');
  box.append(localize(make('p', 'escalation-title'), 'escalationTitle'));
  const reason = data.escalationReason
    ? make('p', 'escalation-reason', data.escalationReason)
    : localize(make('p', 'escalation-reason'), 'escalationDefault');
  if (data.escalationReason) reason.lang = data.language;
  const open = button('escalate-action', 'escalateAction');
  open.addEventListener('click', () => openEscalation(box, open, question));
  box.append(reason, open);
  return box;
}

// The form opens under the control that asked for it; the conversation goes along unless unticked.
function openEscalation(container, opener, question) {
  const existing = container.querySelector('.escalation-form, .escalation-receipt');
  if (existing) {
    existing.querySelector('input, a')?.focus();
    return;
  }
  const turns = transcript.flatMap((turn) => [{ role: 'user', text: turn.question }, { role: 'helpdesk', text: turn.answer }]);
  const form = escalationForm({ language: () => language, question, transcript: turns, origin: 'chat' });
  opener.setAttribute('aria-expanded', 'true');
  container.append(form);
  form.querySelector('input').focus();
}

function sources(data) {
  const section = make('div', 'sources-block');
  const headingId = uid('sources');
  const heading = localize(make('h4', 'sources-heading'), 'sources');
  heading.id = headingId;
  const list = make('ol', 'sources');
  list.lang = data.language;
  list.setAttribute('aria-labelledby', headingId);
  for (const citation of data.citations) {
    const item = make('li');
    // An English source under a Dutch answer is marked as English, so it is read out in English.
    if (citation.language) item.lang = citation.language;
    const title = make('span', 'source-title', citation.title);
    title.id = uid('source-title');
    const controls = make('div', 'source-controls');
    const snippet = make('blockquote', 'snippet', citation.snippet);
    snippet.id = uid('snippet');
    snippet.hidden = true;
    const toggle = button('snippet-toggle', 'showPassage');
    toggle.setAttribute('aria-expanded', 'false');
    toggle.setAttribute('aria-controls', snippet.id);
    toggle.setAttribute('aria-describedby', title.id);
    toggle.addEventListener('click', () => {
      const open = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', String(open));
      snippet.hidden = !open;
      localize(toggle, open ? 'hidePassage' : 'showPassage');
    });
    controls.append(toggle);
    if (citation.url) {
      const link = make('a', 'source-link');
      link.href = citation.url;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      link.setAttribute('aria-describedby', title.id);
      link.append(localize(make('span'), 'officialText'), ' ', localize(make('span', 'visually-hidden'), 'newTab'));
      controls.append(link);
    }
    item.append(title, make('span', 'source-reference', citation.reference), controls, snippet);
    list.append(item);
  }
  section.append(heading, list);
  return section;
}

function followUps(data) {
  const block = make('div', 'follow-ups');
  const label = localize(make('p', 'follow-ups-label'), 'followUps');
  label.id = uid('follow-ups');
  const list = make('ul', 'follow-up-list');
  list.setAttribute('aria-labelledby', label.id);
  for (const question of data.followUps) {
    const item = make('li');
    const choice = make('button', 'follow-up', question);
    choice.type = 'button';
    choice.lang = data.language;
    choice.addEventListener('click', () => ask(question));
    item.append(choice);
    list.append(item);
  }
  block.append(label, list);
  return block;
}

function actions(question, data) {
  const bar = make('div', 'message-actions');
  bar.append(copyControl(data), feedback(question, data));
  if (data.outcome === 'answered') {
    const office = make('div', 'office-control');
    const open = button('button-secondary ask-office', 'askOffice');
    open.addEventListener('click', () => openEscalation(office, open, question));
    office.append(open);
    bar.append(office);
  }
  return bar;
}

function plainText(data) {
  const lines = [data.answer];
  if (data.outcome === 'escalate') lines.push('', data.escalationReason || t('escalationDefault'), `${t('escalateAction')}: ${OFFICE_ADDRESS}`);
  if (data.outcome !== 'off_topic' && data.citations.length) {
    lines.push('', `${t('sources')}:`);
    data.citations.forEach((c, i) => {
      lines.push(`${i + 1}. ${[c.title, c.reference].filter(Boolean).join(' — ')}`);
      if (c.url) lines.push(`   ${c.url}`);
    });
  }
  if (data.disclaimer) lines.push('', data.disclaimer);
  return lines.join('\n');
}

function copyControl(data) {
  const wrap = make('div', 'copy');
  const copy = localizeLabel(button('copy-answer', 'copy'), 'copyLabel');
  // Announced separately: a changed button label is not read out by most screen readers.
  const status = make('span', 'visually-hidden copy-status');
  status.setAttribute('role', 'status');
  let timer;
  copy.addEventListener('click', async () => {
    clearTimeout(timer);
    try {
      await navigator.clipboard.writeText(plainText(data));
      localize(copy, 'copied');
      localize(status, 'copiedStatus');
      status.classList.add('visually-hidden');
    } catch {
      // Without a secure context or permission there is no clipboard; say so visibly.
      localize(status, 'copyFailed');
      status.classList.remove('visually-hidden');
    }
    timer = setTimeout(() => {
      localize(copy, 'copy');
      delete status.dataset.i18n;
      status.textContent = '';
    }, 3000);
  });
  wrap.append(copy, status);
  return wrap;
}

// An SVG rather than an emoji: not every system has an emoji font. The down thumb is this one
// turned over by CSS.
function thumbIcon() {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.classList.add('thumb');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', 'M2 21h4V9H2v12zm21-11c0-1.1-.9-2-2-2h-6.3l1-4.6v-.3c0-.4-.2-.8-.5-1.1L14.2 1 7.6 7.6C7.2 8 7 8.5 7 9v10c0 1.1.9 2 2 2h9c.8 0 1.5-.5 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7v-2z');
  svg.append(path);
  return svg;
}

function feedback(question, data) {
  const box = make('div', 'feedback');
  const prompt = localize(make('span', 'feedback-prompt'), 'feedbackPrompt');
  prompt.id = uid('feedback-prompt');
  const group = make('div', 'feedback-buttons');
  group.setAttribute('role', 'group');
  group.setAttribute('aria-labelledby', prompt.id);
  const up = localizeLabel(button('feedback-up'), 'feedbackUp');
  const down = localizeLabel(button('feedback-down'), 'feedbackDown');
  up.append(thumbIcon());
  down.append(thumbIcon());
  for (const b of [up, down]) b.setAttribute('aria-pressed', 'false');
  group.append(up, down);

  const panel = make('div', 'feedback-form');
  panel.hidden = true;
  const comment = make('textarea', 'feedback-comment');
  comment.id = uid('feedback-comment');
  comment.rows = 2;
  comment.maxLength = MAX_COMMENT;
  const label = localize(make('label'), 'commentLabel');
  label.htmlFor = comment.id;
  const hint = localize(make('p', 'feedback-hint'), 'commentHint');
  hint.id = uid('feedback-hint');
  comment.setAttribute('aria-describedby', hint.id);
  const send = button('feedback-send', 'feedbackSend');
  panel.append(label, hint, comment, send);

  const status = make('p', 'feedback-status');
  status.setAttribute('role', 'status');
  // Focus lands here after sending, because the buttons it came from are then hidden or disabled.
  status.tabIndex = -1;

  let rating = null;
  let sending = false;
  const choose = (value) => {
    rating = value;
    up.setAttribute('aria-pressed', String(value === 'up'));
    down.setAttribute('aria-pressed', String(value === 'down'));
    panel.hidden = false;
    status.classList.remove('is-error');
    delete status.dataset.i18n;
    status.textContent = '';
  };
  up.addEventListener('click', () => choose('up'));
  down.addEventListener('click', () => choose('down'));

  send.addEventListener('click', async () => {
    if (!rating || sending) return;
    // aria-disabled rather than disabled, so keyboard focus stays on the button while it waits.
    sending = true;
    send.setAttribute('aria-disabled', 'true');
    status.classList.remove('is-error');
    localize(status, 'feedbackSending');
    const body = {
      conversationId,
      question,
      answer: data.answer.slice(0, MAX_FEEDBACK_ANSWER),
      outcome: data.outcome,
      rating,
      language,
    };
    const text = comment.value.trim();
    if (text) body.comment = text.slice(0, MAX_COMMENT);
    try {
      await postJson('/api/feedback', body);
    } catch (error) {
      const [key, values] = errorMessage(error);
      status.classList.add('is-error');
      localize(status, 'feedbackError', { reason: t(key, values) });
      return;
    } finally {
      sending = false;
      send.removeAttribute('aria-disabled');
    }
    // One rating per answer: the endpoint stores every call, so a second would count twice.
    panel.hidden = true;
    up.disabled = true;
    down.disabled = true;
    localize(status, 'feedbackThanks');
    status.focus();
  });

  box.append(prompt, group, panel, status);
  return box;
}

// ---- wiring ---------------------------------------------------------------------------------

form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (busy || !input.value.trim()) return;
  const question = input.value;
  input.value = '';
  updateCounter();
  ask(question);
});

input.addEventListener('keydown', (event) => {
  // isComposing: Enter that confirms an IME composition must not send a half-typed question.
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form.requestSubmit();
  }
});

input.addEventListener('input', updateCounter);
langToggle.addEventListener('click', () => setLanguage(language === 'nl' ? 'en' : 'nl'));
document.getElementById('print').addEventListener('click', () => window.print());
document.getElementById('jump-latest').addEventListener('click', () => {
  const answers = messages.querySelectorAll('.message.answer');
  const latest = answers[answers.length - 1];
  if (!latest) return;
  latest.scrollIntoView({ block: 'start' });
  latest.focus();
});
// The date on paper: set just before printing, also when printed from the browser's own menu.
window.addEventListener('beforeprint', () => {
  document.getElementById('printed-on').textContent = t('printedOn', { date: humanDate(language) });
});
document.getElementById('export').addEventListener('click', () => {
  const markdown = conversationMarkdown(transcript, { date: humanDate(language), t });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([markdown], { type: 'text/markdown;charset=utf-8' }));
  link.download = `cip-helpdesk-conversation-${new Date().toISOString().slice(0, 10)}.md`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
});
document.getElementById('new-conversation').addEventListener('click', () => {
  if (busy) return;
  clearConversation();
  transcript.length = 0;
  messages.replaceChildren();
  document.getElementById('jump-latest').hidden = true;
  conversationId = randomUuid();
  input.focus();
});

// The conversation of this tab, as it was before a reload or a visit to the checklist.
for (const turn of saved ? saved.turns : []) {
  try {
    const data = readAnswer(turn.data);
    addUserBubble(String(turn.question));
    addAnswerBubble(String(turn.question), data);
    transcript.push({ question: String(turn.question), answer: data.answer, data });
  } catch {
    // a turn that cannot be read is left out
  }
}

applyLanguage();
updateCounter();
