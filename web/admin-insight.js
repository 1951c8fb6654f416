// The insight page: counts, charts and content gaps from /admin/api/insight. The charts are inline SVG drawn here
// (no library, no CDN); every text is inserted with textContent. Without a session the page points to the inbox's login.
import { translate } from './i18n.js';
import { applyPageLanguage, initialLanguage, rememberLanguage } from './language.js';

const $ = (id) => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';
const OUTCOMES = ['answered', 'escalate', 'off_topic'];
const LANGUAGES = ['en', 'nl'];
let language = initialLanguage();
let handler = false; // only a handler may save a draft in the drafts folder; a viewer may download it
const t = (key, values) => translate(language, key, values);

async function get(path) {
  const response = await fetch(path, { headers: { 'Accept-Language': language } });
  let data = null;
  try { data = await response.json(); } catch { /* status only */ }
  if (response.status === 401) {
    const error = new Error(t('insightLogInFirst'));
    error.status = 401;
    throw error;
  }
  if (!response.ok) throw new Error((data && data.error) || response.statusText);
  return data;
}

// The server insists on JSON for every change (a cross-site form cannot send it).
async function post(path) {
  const response = await fetch(path, { method: 'POST', body: '{}',
    headers: { 'Content-Type': 'application/json', 'Accept-Language': language } });
  let data = null;
  try { data = await response.json(); } catch { /* status only */ }
  if (!response.ok) throw new Error((data && data.error) || response.statusText);
  return data;
}

// "2 Dec" / "2 dec": a UTC day (the server counts UTC days) in the page's language.
function day(iso, long = false) {
  const options = long ? { day: 'numeric', month: 'long', year: 'numeric' } : { day: 'numeric', month: 'short' };
  return new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { ...options, timeZone: 'UTC' })
    .format(new Date(`${iso}T00:00:00Z`));
}

const percent = (share) => new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { style: 'percent' }).format(share);
const number = (n, digits = 0) => new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB',
  { maximumFractionDigits: digits }).format(n);

function word(prefix, code) {
  const key = `${prefix}_${code}`;
  const text = t(key);
  return text === key ? code : text;
}

function element(name, attributes = {}, text) {
  const node = document.createElementNS(SVG, name);
  Object.entries(attributes).forEach(([k, v]) => node.setAttribute(k, String(v)));
  if (text !== undefined) node.textContent = text;
  return node;
}

// Stacked bars, one per day, in a fixed coordinate space that the browser scales to the page's width.
function stackedBars(svg, perDay, group, codes, prefix) {
  const width = 720;
  const height = 240;
  const left = 40;
  const bottom = 24;
  const top = 12;
  const plot = height - bottom - top;
  const most = Math.max(1, ...perDay.map((d) => codes.reduce((sum, c) => sum + d[group][c], 0)));
  const step = (width - left - 8) / Math.max(1, perDay.length);
  const bar = Math.max(1, step * 0.8);
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const parts = [element('line', { class: 'axis', x1: left, y1: top + plot, x2: width - 8, y2: top + plot })];
  parts.push(element('text', { x: left - 6, y: top + 10, 'text-anchor': 'end' }, number(most)));
  parts.push(element('text', { x: left - 6, y: top + plot, 'text-anchor': 'end' }, '0'));
  perDay.forEach((d, i) => {
    let y = top + plot;
    const x = left + i * step + (step - bar) / 2;
    codes.forEach((code) => {
      const count = d[group][code];
      if (!count) return;
      const h = (count / most) * plot;
      y -= h;
      const rect = element('rect', { class: `series-${code}`, x: x.toFixed(1), y: y.toFixed(1), width: bar.toFixed(1),
        height: h.toFixed(1), 'data-day': d.day, 'data-series': code, 'data-count': count });
      rect.append(element('title', {}, `${day(d.day)}: ${number(count)} ${word(prefix, code)}`));
      parts.push(rect);
    });
  });
  if (perDay.length) {
    parts.push(element('text', { x: left, y: height - 6 }, day(perDay[0].day)));
    parts.push(element('text', { x: width - 8, y: height - 6, 'text-anchor': 'end' }, day(perDay[perDay.length - 1].day)));
  }
  svg.replaceChildren(...parts);
}

function legend(list, codes, prefix) {
  list.replaceChildren(...codes.map((code) => {
    const li = document.createElement('li');
    li.className = `series-${code}`;
    li.textContent = word(prefix, code);
    return li;
  }));
}

// Each cell carries its column's name, which the narrow layout shows beside it (the table becomes cards).
function row(table, cells) {
  const names = [...table.tHead.rows[0].cells].map((th) => th.textContent);
  const tr = document.createElement('tr');
  cells.forEach((cell, index) => {
    const td = document.createElement('td');
    if (cell instanceof Node) td.append(cell); else td.textContent = cell ?? '';
    td.dataset.label = names[index] || '';
    tr.append(td);
  });
  return tr;
}

function summary(report) {
  const answered = report.total ? report.outcomes.answered / report.total : null;
  const thumbs = report.thumbs;
  const items = [
    [t('insightTotal'), number(report.total)],
    [t('insightAnsweredShare'), answered === null ? '—' : percent(answered)],
    [t('insightThumbsUp'), thumbs.shareUp == null ? t('insightNoFeedback')
      : t('insightThumbsLine', { share: percent(thumbs.shareUp), up: number(thumbs.up), n: number(thumbs.up + thumbs.down) })],
  ];
  $('summary').replaceChildren(...items.flatMap(([k, v]) => {
    const dt = document.createElement('dt');
    dt.textContent = k;
    const dd = document.createElement('dd');
    dd.textContent = v;
    return [dt, dd];
  }));
}

function counts(report) {
  summary(report);
  stackedBars($('chart-outcomes'), report.perDay, 'outcomes', OUTCOMES, 'outcome');
  stackedBars($('chart-languages'), report.perDay, 'languages', LANGUAGES, 'language');
  legend($('legend-outcomes'), OUTCOMES, 'outcome');
  legend($('legend-languages'), LANGUAGES, 'language');
  const period = { total: number(report.total), from: day(report.from, true), to: day(report.to, true) };
  $('chart-outcomes-summary').textContent = t('insightChartSummary', period);
  $('chart-languages-summary').textContent = t('insightChartSummary', period);
  $('per-day').tBodies[0].replaceChildren(...report.perDay.map((d) => row($('per-day'), [day(d.day, true),
    ...OUTCOMES.map((c) => number(d.outcomes[c])), ...LANGUAGES.map((c) => number(d.languages[c])), number(d.total)])));
  const e = report.escalations;
  $('escalation-stats').tBodies[0].replaceChildren(...Object.entries(e.byStatus).map(([status, n]) => row($('escalation-stats'),
    [word('status', status), number(n)])));
  $('time-to-handled').textContent = e.handled === 0 ? t('insightNoneHandled')
    : t('insightTimeToHandled', { median: number(e.hoursToHandledMedian, 1), p90: number(e.hoursToHandledP90, 1), n: number(e.handled) });
}

// "Draft a card": the gap as a Markdown card to download, and for a handler a button that saves it in the drafts folder.
function draftActions(id, days) {
  const cell = document.createElement('div');
  cell.className = 'draft-actions';
  const path = `/admin/api/insight/gaps/${encodeURIComponent(id)}/draft`;
  const query = `?days=${encodeURIComponent(days)}`;
  const download = document.createElement('a');
  download.className = 'button-secondary draft-download';
  download.href = `${path}.md${query}`;
  download.setAttribute('download', '');
  download.textContent = t('insightDraftDownload');
  cell.append(download);
  if (handler) {
    const save = document.createElement('button');
    save.type = 'button';
    save.className = 'button-secondary draft-save';
    save.textContent = t('insightDraftSave');
    const result = document.createElement('p');
    result.className = 'draft-result';
    result.setAttribute('role', 'status');
    save.addEventListener('click', async () => {
      save.disabled = true;
      result.classList.remove('form-error');
      result.textContent = '';
      try {
        const saved = await post(path + query);
        result.textContent = t('insightDraftSaved', { file: saved.file });
        result.dataset.file = saved.file;
      } catch (error) {
        result.classList.add('form-error');
        result.textContent = error.message;
      } finally {
        save.disabled = false;
      }
    });
    cell.append(save, result);
  }
  return cell;
}

function gaps(report, days) {
  $('gaps-summary').textContent = report.gaps.length === 0 ? t('insightNoGaps', { questions: number(report.questions) })
    : t('insightGapsSummary', { questions: number(report.questions), gaps: number(report.gaps.length), alone: number(report.alone) });
  $('gaps').tBodies[0].replaceChildren(...report.gaps.map((gap) => {
    const examples = document.createElement('ol');
    examples.append(...gap.examples.map((example) => {
      const li = document.createElement('li');
      li.textContent = example.question;
      li.lang = example.language;
      return li;
    }));
    const closest = gap.closestCard ? t('insightClosestLine', {
      title: language === 'nl' ? gap.closestCard.titleNl : gap.closestCard.titleEn, id: gap.closestCard.id,
      similarity: number(gap.closestCard.similarity, 2) }) : '—';
    const tr = row($('gaps'), [number(gap.size), t('insightTrendLine', { now: number(gap.thisWeek), before: number(gap.lastWeek) }),
      examples, closest, draftActions(gap.id, days)]);
    tr.id = gap.id;
    tr.dataset.size = gap.size;
    return tr;
  }));
}

async function load() {
  const days = $('period').value;
  $('csv').href = `/admin/api/insight/counts.csv?days=${encodeURIComponent(days)}`;
  $('insight-error').textContent = '';
  $('insight-status').textContent = t('insightLoading');
  try {
    const [countReport, gapReport, session] = await Promise.all([get(`/admin/api/insight?days=${encodeURIComponent(days)}`),
      get(`/admin/api/insight/gaps?days=${encodeURIComponent(days)}`), get('/admin/api/session')]);
    handler = session.role === 'handler';
    $('insight-login').hidden = true;
    $('insight').hidden = false;
    counts(countReport);
    gaps(gapReport, days);
    $('insight-status').textContent = t('insightLoaded');
    document.body.dataset.loaded = days;
  } catch (error) {
    $('insight-status').textContent = '';
    if (error.status === 401) {
      $('insight').hidden = true;
      $('insight-login').hidden = false;
    } else {
      $('insight-error').textContent = error.message;
    }
  }
}

$('period').addEventListener('change', load);
document.addEventListener('knowledge-switched', load); // sent by admin-reload.js
$('lang-toggle').addEventListener('click', () => {
  language = language === 'en' ? 'nl' : 'en';
  rememberLanguage(language);
  applyPageLanguage(language, 'insightTitle');
  load(); // the charts and tables are drawn in the page's language: draw them again
});

applyPageLanguage(language, 'insightTitle');
load();
