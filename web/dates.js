// Dates as people read them, in the page's language; the ISO form stays where it sorts or is a reference.
const LOCALES = { en: 'en-GB', nl: 'nl-NL' };

/** "2 December 2026 (2026-12-02)": a day, readable and sortable. */
export function humanDate(language, date = new Date()) {
  const formatted = new Intl.DateTimeFormat(LOCALES[language] || 'en-GB', { dateStyle: 'long' }).format(date);
  return `${formatted} (${date.toISOString().slice(0, 10)})`;
}

/** "2 December 2026 at 14:05 CET": a moment from the server (ISO), in the reader's time zone; unreadable ones as sent. */
export function humanDateTime(iso, language) {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return iso || '';
  return new Intl.DateTimeFormat(LOCALES[language] || 'en-GB', {
    year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short',
  }).format(date);
}
