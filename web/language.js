// The interface language, shared by every page: remembered per browser, defaulting to the browser's own.
import { LANGUAGES } from './i18n.js';

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
