// Strings of the opt-out check page (optout.html), in English and Dutch, and the checklist questions that link to
// a tool. Kept apart from i18n.js so the page can change without touching the chat's strings.
// The summary, signals and sources come from the server in the language asked for.

export const optOutStrings = {
  en: {
    otherLanguage: 'Nederlands',
    backToChat: 'Back to the chat',
    toChecklist: 'Take the self-assessment checklist',
    optOutTitle: 'Check a website for text and data mining opt-outs',
    optOutIntro: 'Enter the address of the page you plan to scrape. The helpdesk reads the site’s robots.txt (for all crawlers and for well-known AI crawlers), its TDMRep signals (HTTP headers, HTML meta tags, /.well-known/tdmrep.json) and robots meta tags, and explains what they mean for you.',
    urlLabel: 'Address (URL) of the page',
    urlHint: 'Only public http:// and https:// websites. The check makes at most three requests to the site.',
    check: 'Check',
    checking: 'Checking the website…',
    verdictLabel: 'Verdict',
    verdict_reserved: 'Reserved: a machine-readable opt-out covers this address',
    verdict_partly: 'Partly reserved',
    verdict_none_found: 'No machine-readable opt-out found',
    verdict_unreachable: 'The website could not be checked',
    checkedAt: 'Checked at {time} (UTC): {url}',
    signalsTitle: 'What the website declares',
    noSignals: 'No signals about text and data mining were found.',
    reserves: 'reserves',
    doesNotReserve: 'does not reserve this address',
    problemsTitle: 'What could not be checked',
    sources: 'Sources',
    officialText: 'Official text',
    disclaimer: 'General guidance, not legal advice; the Copyright Information Point (copyright@wur.nl) can help with your own situation. Terms of use are not read by this check.',
    emptyUrl: 'Enter the address of a web page, starting with https:// or http://.',
    tooMany: 'Too many checks. Try again in {seconds} seconds.',
    failed: 'The check failed: {message}',
    toolOptOut: 'Check a website for opt-outs (robots.txt, TDMRep)',
  },
  nl: {
    otherLanguage: 'English',
    backToChat: 'Terug naar de chat',
    toChecklist: 'Doe de zelfevaluatie',
    optOutTitle: 'Controleer een website op opt-outs voor tekst- en datamining',
    optOutIntro: 'Vul het adres in van de pagina die je wilt scrapen. De helpdesk leest de robots.txt van de site (voor alle crawlers en voor bekende AI-crawlers), de TDMRep-signalen (HTTP-headers, HTML-metatags, /.well-known/tdmrep.json) en robots-metatags, en legt uit wat ze voor jou betekenen.',
    urlLabel: 'Adres (URL) van de pagina',
    urlHint: 'Alleen openbare http://- en https://-websites. De controle doet hooguit drie verzoeken aan de site.',
    check: 'Controleren',
    checking: 'De website wordt gecontroleerd…',
    verdictLabel: 'Uitkomst',
    verdict_reserved: 'Voorbehouden: een machineleesbare opt-out dekt dit adres',
    verdict_partly: 'Gedeeltelijk voorbehouden',
    verdict_none_found: 'Geen machineleesbare opt-out gevonden',
    verdict_unreachable: 'De website kon niet worden gecontroleerd',
    checkedAt: 'Gecontroleerd op {time} (UTC): {url}',
    signalsTitle: 'Wat de website aangeeft',
    noSignals: 'Er zijn geen signalen over tekst- en datamining gevonden.',
    reserves: 'voorbehoud',
    doesNotReserve: 'geen voorbehoud voor dit adres',
    problemsTitle: 'Wat niet gecontroleerd kon worden',
    sources: 'Bronnen',
    officialText: 'Officiële tekst',
    disclaimer: 'Algemene informatie, geen juridisch advies; het Copyright Information Point (copyright@wur.nl) helpt bij je eigen situatie. Deze controle leest geen gebruiksvoorwaarden.',
    emptyUrl: 'Vul het adres van een webpagina in, beginnend met https:// of http://.',
    tooMany: 'Te veel controles. Probeer het over {seconds} seconden opnieuw.',
    failed: 'De controle is mislukt: {message}',
    toolOptOut: 'Controleer een website op opt-outs (robots.txt, TDMRep)',
  },
};

export function translateOptOut(language, key, values = {}) {
  const value = optOutStrings[language]?.[key] ?? optOutStrings.en[key] ?? key;
  return value.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
}

// Checklist questions that have a tool to help answer them: question id -> page and link text key.
const QUESTION_TOOLS = { opt_out: { href: 'optout.html', label: 'toolOptOut' } };

export function toolFor(questionId, language) {
  const tool = QUESTION_TOOLS[questionId];
  return tool ? { href: tool.href, label: translateOptOut(language, tool.label) } : null;
}
