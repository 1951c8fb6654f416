// The form that passes a question to the copyright office (POST /api/escalations). It is built with
// DOM calls and textContent only. Interface text is tagged with data-i18n so the page's language switch
// redoes it. One Idempotency-Key per version of the form: retrying after a lost answer cannot send twice.
import { OFFICE_ADDRESS, translate } from './i18n.js';
import { randomUuid } from './uuid.js';

const MAX_QUESTION = 4000;
const MAX_TRANSCRIPT = 40;
const MAX_TURN = 8000;

let formCount = 0;

/**
 * @param {object} options
 * @param {() => string} options.language  the page's current language
 * @param {string} options.question        prefilled, editable
 * @param {{role: string, text: string}[]} [options.transcript]  the conversation, offered with a checkbox
 * @param {string} [options.assessmentId]  a checklist assessment, offered with a checkbox
 * @param {'chat'|'checklist'} [options.origin]
 */
export function escalationForm({ language, question, transcript = [], assessmentId = null, origin = 'chat' }) {
  formCount += 1;
  const id = (name) => `escalate-${formCount}-${name}`;
  const t = (key, values) => translate(language(), key, values);
  const tagged = (tag, key, className) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    node.dataset.i18n = key;
    node.textContent = t(key);
    return node;
  };
  const field = (key, input, hintKey) => {
    const row = document.createElement('p');
    row.className = 'escalation-field';
    const label = tagged('label', key);
    label.htmlFor = input.id;
    row.append(label, input);
    if (hintKey) {
      const hint = tagged('span', hintKey, 'field-hint');
      hint.id = `${input.id}-hint`;
      input.setAttribute('aria-describedby', hint.id); // "(optional)" is read with the field
      row.append(hint);
    }
    return row;
  };
  const checkbox = (key, name, checked) => {
    const row = document.createElement('p');
    row.className = 'escalation-check';
    const input = document.createElement('input');
    Object.assign(input, { type: 'checkbox', id: id(name), name, checked });
    const label = tagged('label', key);
    label.htmlFor = input.id;
    row.append(input, label);
    return row;
  };

  const form = document.createElement('form');
  form.className = 'escalation-form';
  form.noValidate = true;
  form.append(tagged('h4', 'escalateFormTitle'));

  const email = document.createElement('input');
  Object.assign(email, { type: 'email', id: id('email'), name: 'email', required: true, maxLength: 254, autocomplete: 'email' });
  const name = document.createElement('input');
  Object.assign(name, { type: 'text', id: id('name'), name: 'name', maxLength: 100, autocomplete: 'name' });
  const text = document.createElement('textarea');
  Object.assign(text, { id: id('question'), name: 'question', required: true, maxLength: MAX_QUESTION, rows: 4 });
  text.value = question.slice(0, MAX_QUESTION);
  form.append(field('escalateEmail', email), field('escalateName', name, 'escalateOptional'), field('escalateQuestion', text));
  if (transcript.length) form.append(checkbox('escalateIncludeTranscript', 'includeTranscript', true));
  if (assessmentId) form.append(checkbox('escalateIncludeAssessment', 'includeAssessment', true));
  form.append(checkbox('escalateQuoteConsent', 'quoteConsent', false));
  form.append(tagged('p', 'escalatePrivacy', 'escalation-privacy'));

  const send = tagged('button', 'escalateSend', 'escalate-action');
  send.type = 'submit';
  const status = document.createElement('p');
  status.className = 'escalation-status';
  status.id = id('status');
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  form.append(send, status);

  let key = randomUuid();
  form.addEventListener('input', () => { key = randomUuid(); });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.textContent = '';
    email.removeAttribute('aria-invalid');
    email.removeAttribute('aria-describedby');
    if (!email.value.trim() || !email.checkValidity()) {
      status.textContent = t('escalateEmailInvalid');
      // The error belongs to the field: read with it, and the field marked as wrong.
      email.setAttribute('aria-invalid', 'true');
      email.setAttribute('aria-describedby', status.id);
      email.focus();
      return;
    }
    if (!text.value.trim()) {
      status.textContent = t('escalateQuestionMissing');
      text.focus();
      return;
    }
    const body = {
      email: email.value.trim(),
      question: text.value,
      quoteConsent: form.elements.quoteConsent.checked,
      language: language(),
      origin,
    };
    if (name.value.trim()) body.name = name.value.trim();
    if (transcript.length && form.elements.includeTranscript.checked) {
      body.transcript = transcript.slice(-MAX_TRANSCRIPT).map((turn) => ({ role: turn.role, text: turn.text.slice(0, MAX_TURN) }));
    }
    if (assessmentId && form.elements.includeAssessment.checked) body.assessmentId = assessmentId;
    send.disabled = true;
    status.textContent = t('escalateSending');
    try {
      const response = await fetch('/api/escalations', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Accept-Language': language(), 'Idempotency-Key': key },
        body: JSON.stringify(body),
      });
      let data = null;
      try { data = await response.json(); } catch { /* a status without JSON still gets a message */ }
      if (!response.ok) {
        status.textContent = t('escalateFailed', { detail: (data && data.error) || response.statusText });
        return;
      }
      const done = receipt(data, body, t, tagged);
      form.replaceWith(done);
      done.focus(); // the ticket is what comes next, for keyboard and screen reader alike
    } catch {
      // Nothing is lost: the form keeps its text and the same key, so sending again is safe.
      status.textContent = t('escalateNetwork');
    } finally {
      send.disabled = false;
    }
  });
  return form;
}

function receipt(data, body, t, tagged) {
  const box = document.createElement('div');
  box.className = 'escalation-receipt';
  box.setAttribute('role', 'status');
  box.tabIndex = -1;
  const line = document.createElement('p');
  line.textContent = t('escalateReceipt', { ticket: data.ticket, email: body.email });
  const ticket = document.createElement('strong');
  ticket.className = 'escalation-ticket';
  ticket.textContent = data.ticket;
  box.append(line, ticket);
  if (!data.mailConfigured) {
    const office = data.officeAddress || OFFICE_ADDRESS;
    box.append(tagged('p', 'escalateNoMail'));
    const link = document.createElement('a');
    link.className = 'escalation-mailto';
    link.href = `mailto:${office}?subject=${encodeURIComponent(`[${data.ticket}]`)}`
      + `&body=${encodeURIComponent(body.question.slice(0, 1500).replace(/\n/g, '\r\n'))}`;
    link.textContent = t('escalateMailYourself', { office });
    box.append(link);
  }
  return box;
}
