// The interface language, shared by every page: remembered per browser, defaulting to the browser's own.
import { LANGUAGES, translate } from './i18n.js';

const STORAGE_KEY = 'cip-helpdesk-language';

export function initialLanguage() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (LANGUAGES.includes(saved)) return saved;
  } catch {
    // Storage can be blocked (private mode, strict cookie settings); the browser language will do.
  }
  return (navigator.language || '').toLowerCase().startsWith('nl') ? 'nl' : 'en';
}

export function rememberLanguage(language) {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered across visits then, which is harmless.
  }
}

/** Puts a page's fixed text (every data-i18n element), its title and its language in place, and marks the toggle. */
export function applyPageLanguage(language, titleKey) {
  document.documentElement.lang = language;
  document.title = `CIP Helpdesk — ${translate(language, titleKey)}`;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = translate(language, el.dataset.i18n);
  const toggle = document.getElementById('lang-toggle');
  if (toggle) toggle.lang = language === 'en' ? 'nl' : 'en';
}
