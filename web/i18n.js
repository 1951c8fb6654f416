// Every string the interface shows, in English and Dutch. Answers, sources and disclaimers come from
// the server in the language that was asked for, so they are not here.
// Values are text with {name} placeholders, or a function of those values where Dutch and English
// plurals differ.

export const LANGUAGES = ['en', 'nl'];

export const OFFICE_ADDRESS = 'copyright@wur.nl';

export const strings = {
  en: {
    pageTitle: 'CIP Helpdesk — copyright for text and data mining and AI training',
    tagline: 'Copyright questions about text and data mining and AI training, answered with sources. Wageningen University & Research.',
    skipToQuestion: 'Skip to the question box',
    otherLanguage: 'Nederlands',
    print: 'Print / save conversation',

    welcomeTitle: 'Ask about copyright in text and data mining and AI training',
    welcomeCan: 'Ask how copyright applies when you mine texts and data or train AI on other people’s work: scraping, licences, opt-outs, keeping and sharing data sets. Every answer shows the sources it rests on: WUR guidance and EU and Dutch law.',
    welcomeCannot: 'The helpdesk cannot give legal advice on your specific contract or case. For that, it refers you to the Copyright Information Point:',
    privacy: 'Your questions are processed to answer them and are not stored with your name; feedback you send is stored anonymously.',
    startersTitle: 'Try one of these questions',
    starters: [
      'May I scrape websites to build a data set for my research?',
      'Can I train an AI model on journal articles from the WUR Library?',
      'What does the text and data mining exception in the DSM Directive allow?',
      'How long may I keep the copies I made for text and data mining?',
    ],

    conversationTitle: 'Conversation',
    questionLabel: 'Your question',
    questionHint: 'Enter sends, Shift+Enter starts a new line.',
    send: 'Send',
    charsLeft: ({ n }) => (n === 1 ? '1 character left' : `${n} characters left`),

    youLabel: 'You',
    helpdeskLabel: 'CIP Helpdesk',
    thinking: 'Looking for an answer…',

    escalationTitle: 'This question needs a person at the copyright office.',
    escalationDefault: 'The answer depends on the details of your case.',
    escalateAction: 'Ask the copyright office',
    mailSubject: 'Copyright question: {question}',
    mailBody: 'Hello,\n\nThe CIP Helpdesk suggested I ask you this question.\n\nMy question:\n{question}\n\nThe conversation so far:\n\n{conversation}\n',
    mailQuestion: 'Question:',
    mailAnswer: 'Helpdesk:',
    mailShortened: '(earlier messages left out)',

    sources: 'Sources',
    showPassage: 'Show passage',
    hidePassage: 'Hide passage',
    officialText: 'Official text',
    newTab: '(opens in a new tab)',
    followUps: 'You could also ask',

    copy: 'Copy',
    copyLabel: 'Copy answer and sources',
    copied: 'Copied',
    copiedStatus: 'The answer and its sources are on your clipboard.',
    copyFailed: 'Your browser did not allow copying. Select the text and copy it instead.',

    feedbackPrompt: 'Was this helpful?',
    feedbackUp: 'Helpful',
    feedbackDown: 'Not helpful',
    commentLabel: 'Comment (optional)',
    commentHint: 'Please leave out names and other personal details.',
    feedbackSend: 'Send feedback',
    feedbackSending: 'Sending…',
    feedbackThanks: 'Thanks for your feedback',
    feedbackError: 'Your feedback could not be sent. {reason}',

    retry: 'Retry',
    errorNetwork: 'The helpdesk could not be reached. Check your connection and try again.',
    errorTimeout: 'The helpdesk took too long to answer. Please try again.',
    errorStarting: 'The helpdesk is still starting up. Please try again in a few seconds.',
    errorBusy: 'There have been too many questions in a short time. Please wait a moment and try again.',
    errorInvalid: 'The helpdesk could not handle this request: {detail}',
    errorServer: 'Something went wrong on our side. Please try again, or write to the copyright office.',
  },

  nl: {
    pageTitle: 'CIP Helpdesk — auteursrecht bij tekst- en datamining en AI-training',
    tagline: 'Vragen over auteursrecht bij tekst- en datamining en AI-training, beantwoord met bronnen. Wageningen University & Research.',
    skipToQuestion: 'Naar het vraagveld',
    otherLanguage: 'English',
    print: 'Gesprek afdrukken / opslaan',

    welcomeTitle: 'Vragen over auteursrecht bij tekst- en datamining en AI-training',
    welcomeCan: 'Vraag hoe het auteursrecht werkt als je teksten en data mint of AI traint op werk van anderen: scrapen, licenties, opt-outs, datasets bewaren en delen. Bij elk antwoord staan de bronnen waarop het rust: richtlijnen van WUR en Europese en Nederlandse wetgeving.',
    welcomeCannot: 'Juridisch advies over jouw specifieke contract of situatie kan de helpdesk niet geven. Daarvoor verwijst hij je naar het Copyright Information Point:',
    privacy: 'Je vragen worden verwerkt om ze te beantwoorden en worden niet met je naam opgeslagen; feedback die je stuurt wordt anoniem bewaard.',
    startersTitle: 'Probeer een van deze vragen',
    starters: [
      'Mag ik websites scrapen om een dataset voor mijn onderzoek te bouwen?',
      'Mag ik een AI-model trainen op tijdschriftartikelen uit de WUR-bibliotheek?',
      'Wat staat de uitzondering voor tekst- en datamining in de DSM-richtlijn toe?',
      'Hoe lang mag ik de kopieën bewaren die ik voor tekst- en datamining heb gemaakt?',
    ],

    conversationTitle: 'Gesprek',
    questionLabel: 'Je vraag',
    questionHint: 'Enter verstuurt, Shift+Enter begint een nieuwe regel.',
    send: 'Versturen',
    charsLeft: ({ n }) => (n === 1 ? 'nog 1 teken' : `nog ${n} tekens`),

    youLabel: 'Jij',
    helpdeskLabel: 'CIP Helpdesk',
    thinking: 'Even zoeken naar een antwoord…',

    escalationTitle: 'Voor deze vraag is iemand van het Copyright Information Point nodig.',
    escalationDefault: 'Het antwoord hangt af van de details van jouw situatie.',
    escalateAction: 'Vraag het Copyright Information Point',
    mailSubject: 'Auteursrechtvraag: {question}',
    mailBody: 'Hallo,\n\nDe CIP Helpdesk raadde me aan deze vraag aan jullie te stellen.\n\nMijn vraag:\n{question}\n\nHet gesprek tot nu toe:\n\n{conversation}\n',
    mailQuestion: 'Vraag:',
    mailAnswer: 'Helpdesk:',
    mailShortened: '(eerdere berichten weggelaten)',

    sources: 'Bronnen',
    showPassage: 'Toon passage',
    hidePassage: 'Verberg passage',
    officialText: 'Officiële tekst',
    newTab: '(opent in een nieuw tabblad)',
    followUps: 'Je kunt ook vragen',

    copy: 'Kopiëren',
    copyLabel: 'Antwoord en bronnen kopiëren',
    copied: 'Gekopieerd',
    copiedStatus: 'Het antwoord en de bronnen staan op je klembord.',
    copyFailed: 'Je browser stond kopiëren niet toe. Selecteer de tekst en kopieer die zelf.',

    feedbackPrompt: 'Had je hier iets aan?',
    feedbackUp: 'Nuttig',
    feedbackDown: 'Niet nuttig',
    commentLabel: 'Toelichting (optioneel)',
    commentHint: 'Laat namen en andere persoonsgegevens weg.',
    feedbackSend: 'Feedback versturen',
    feedbackSending: 'Bezig met versturen…',
    feedbackThanks: 'Bedankt voor je feedback',
    feedbackError: 'Je feedback kon niet worden verstuurd. {reason}',

    retry: 'Opnieuw proberen',
    errorNetwork: 'De helpdesk is niet bereikbaar. Controleer je verbinding en probeer het opnieuw.',
    errorTimeout: 'Het antwoord van de helpdesk duurde te lang. Probeer het opnieuw.',
    errorStarting: 'De helpdesk is nog aan het opstarten. Probeer het over een paar seconden opnieuw.',
    errorBusy: 'Er zijn in korte tijd te veel vragen gesteld. Wacht even en probeer het opnieuw.',
    errorInvalid: 'De helpdesk kon dit verzoek niet verwerken: {detail}',
    errorServer: 'Er ging bij ons iets mis. Probeer het opnieuw, of schrijf naar het Copyright Information Point.',
  },
};

export function translate(language, key, values = {}) {
  const value = strings[language]?.[key] ?? strings.en[key] ?? key;
  if (typeof value === 'function') return value(values);
  if (typeof value !== 'string') return value;
  // A replacer function, so that "$&" and the like in user text are taken literally.
  return value.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
}
