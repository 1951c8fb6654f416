package nl.wur.cip.helpdesk.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Optional;
import nl.wur.cip.helpdesk.TestHelpdesk;
import nl.wur.cip.helpdesk.knowledge.AnswerCard;
import nl.wur.cip.helpdesk.knowledge.Citation;
import nl.wur.cip.helpdesk.knowledge.Language;
import nl.wur.cip.helpdesk.understanding.Understanding;
import org.junit.jupiter.api.Test;

class AnswerServiceTest {
    private final AnswerService answers = TestHelpdesk.shared().answers();

    @Test
    void anAnsweredQuestionCitesItsSourcesAndKeepsTheDisclaimerSeparate() {
        Answer answer = answers.ask(
                "Do I need permission from rightholders to mine texts for scientific research at WUR?",
                Optional.empty());
        assertEquals(Outcome.ANSWERED, answer.outcome());
        assertFalse(answer.citations().isEmpty());
        answer.citations().forEach(c -> {
            assertFalse(c.title().isBlank());
            assertFalse(c.reference().isBlank());
            assertFalse(c.snippet().isBlank());
        });
        assertNull(answer.escalationReason());
        assertTrue(answer.disclaimer().contains("copyright@wur.nl"));
        assertFalse(answer.answer().contains(answer.disclaimer()));
        assertTrue(answer.confidence() > 0 && answer.confidence() <= 1);
    }

    @Test
    void aQuestionOutsideCopyrightIsOffTopicWithoutCitations() {
        Answer answer = answers.ask("What time does the sports centre open on Sundays?", Optional.empty());
        assertEquals(Outcome.OFF_TOPIC, answer.outcome());
        assertTrue(answer.citations().isEmpty());
        assertFalse(answer.answer().isBlank());
    }

    @Test
    void litigationAlwaysGoesToTheCopyrightOfficeWithAReason() {
        Answer answer = answers.ask(
                "A publisher is threatening to sue me over my text mining corpus. What now?", Optional.empty());
        assertEquals(Outcome.ESCALATE, answer.outcome());
        assertNotNull(answer.escalationReason());
        assertFalse(answer.answer().isBlank());
    }

    @Test
    void aSumOfMoneySomeoneDemandsIsAClaimForTheOfficeHoweverTheLetterIsWorded() {
        Answer answer = answers.ask(
                "Ik heb een artikel op mijn website gedeeld en nu eist een bureau €480 voor de foto in de linkpreview."
                        + " Moet ik betalen voor het delen van een link?",
                Optional.empty());
        assertEquals(Outcome.ESCALATE, answer.outcome(), answer.source());
        assertTrue(answer.source().startsWith("rules:litigation"), answer.source());
    }

    @Test
    void aLetterFromAPhotoClaimAgencyGoesToTheOfficeWhateverElseTheQuestionAsks() {
        Answer answer = answers.ask(
                "Copytrack says a photo on our project page has no licence and offers a retroactive licence. Is the"
                        + " photo of our colleague's child a portrait right problem too?",
                Optional.empty());
        assertEquals(Outcome.ESCALATE, answer.outcome(), answer.source());
        assertTrue(answer.source().startsWith("rules:litigation"), answer.source());
    }

    @Test
    void aPriceWithoutADemandIsNotTakenForAClaim() {
        Answer answer = answers.ask(
                "The publisher's TDM licence costs 2,000 euros a year. May I mine the journals WUR Library already"
                        + " subscribes to without it?",
                Optional.empty());
        assertFalse(answer.source().contains("rules:litigation"), answer.source());
        Answer fine = answers.ask(
                "Is it fine to pay 35 euros for an article and then mine it for my research?", Optional.empty());
        assertFalse(fine.source().contains("rules:litigation"), fine.source());
    }

    @Test
    void aDutchQuestionIsAnsweredInDutch() {
        Answer answer =
                answers.ask("Hoe lang mag ik de verzamelde data voor mijn onderzoek bewaren?", Optional.empty());
        assertEquals(Language.NL, answer.language());
        assertEquals(Outcome.ANSWERED, answer.outcome());
        assertTrue(answer.answer().matches("(?is).*\\b(bewaren|bewaard|zolang|nodig)\\b.*"), answer.answer());
        assertTrue(answer.disclaimer().startsWith("Algemene informatie"));
    }

    @Test
    void aDutchAnswerCitesTheDutchVersionOfEverySourceTheKnowledgeHasInDutchAndSaysWhichAreEnglish() {
        var knowledge = TestHelpdesk.shared().knowledge();
        for (String question : List.of(
                "Hoe lang mag ik gescrapete data bewaren voor mijn onderzoek?",
                "Mogen websites tekst- en datamining uitsluiten?",
                "Mag ik mijn dataset delen met mensen buiten de WUR?")) {
            Answer answer = answers.ask(question, Optional.of(Language.NL));
            assertFalse(answer.citations().isEmpty(), question);
            for (Citation c : answer.citations()) {
                assertEquals(knowledge.document(c.id()).orElseThrow().language().code(), c.language(), c.id());
                if (c.language().equals("en")) {
                    assertTrue(
                            knowledge.document(c.id() + "-nl").isEmpty(),
                            c.id() + " has a Dutch version that was not cited");
                }
            }
        }
        Answer english = answers.ask("How long may I keep the data I scraped?", Optional.of(Language.EN));
        english.citations().forEach(c -> assertEquals("en", c.language(), c.id() + " in an English answer"));
    }

    @Test
    void theRequestedLanguageWinsOverDetection() {
        Answer answer = answers.ask("Where should I store my scraped images?", Optional.of(Language.NL));
        assertEquals(Language.NL, answer.language());
    }

    @Test
    void aQuestionAboutAJudgmentCitesIt() {
        Answer answer =
                answers.ask("What did the Hamburg regional court decide about LAION in 2024?", Optional.empty());
        assertFalse(answer.citations().isEmpty());
        assertTrue(
                answer.citations().stream().anyMatch(c -> c.id().contains("laion")),
                () -> answer.citations().stream().map(Citation::id).toList().toString());
    }

    @Test
    void aQuestionOfSeveralPartsIsAnsweredPartByPartInOrder() {
        Answer answer = answers.ask(
                "How long may I keep my scraped corpus after the project ends? "
                        + "And may I give a copy to a researcher at a partner university?",
                Optional.empty());
        assertEquals("card:faq-retention card:faq-share-with-partners", answer.source(), answer.answer());
        assertTrue(answer.answer().indexOf("partner") > answer.answer().indexOf("verif"), answer.answer());
        assertEquals(Outcome.ESCALATE, answer.outcome(), "sharing with partners is for the office");
    }

    @Test
    void aCopyrightQuestionOutsideTheKnowledgeGoesToTheOfficeSayingSo() {
        Answer answer = answers.ask(
                "Is a NEN standard protected by copyright, so that I may not quote its tables in my thesis appendix?",
                Optional.empty());
        assertEquals(Outcome.ESCALATE, answer.outcome(), answer.source());
        assertTrue(answer.answer().startsWith("The sources I have do not settle this question"), answer.answer());
        assertTrue(
                answer.escalationReason() != null && !answer.escalationReason().isBlank());
    }

    @Test
    void aGeneralCopyrightQuestionOutsideMiningGetsItsOwnCard() {
        Answer answer = answers.ask(
                "My publisher wants me to transfer my copyright; may I still put the accepted manuscript "
                        + "in the university repository?",
                Optional.empty());
        assertTrue(answer.source().contains("card:faq-own-publications"), answer.source());
        assertTrue(answer.answer().contains("25fa"), answer.answer());
        assertFalse(answer.answer().contains("15n"), "a publishing question is not answered with the mining exception");
    }

    @Test
    void aClaimInsideALongerQuestionSendsTheWholeQuestionToTheOfficeWithWhatToDoAboutIt() {
        Answer answer = answers.ask(
                "How long may I keep my scraped corpus after the project? Also, a photographer's lawyer "
                        + "sent me an invoice of 900 euros for a photo on our project website. Should I just pay it?",
                Optional.empty());
        assertEquals(Outcome.ESCALATE, answer.outcome(), answer.source());
        assertTrue(answer.source().contains("faq-litigation"), answer.source());
        assertTrue(answer.answer().contains("Whatever the claim says"), answer.answer());
        assertNotNull(answer.escalationReason());
    }

    @Test
    void aQuestionBetweenTwoNeighbouringCardsIsAnsweredWithBothInsteadOfNeither() {
        // Questions between mining news sites and scraping websites for research; the model decides which of them
        // sit close to both cards, so the test takes the first that does.
        List<String> candidates = List.of(
                "May I scrape a news website for my research?",
                "Can I scrape newspaper websites to train a model for my research?",
                "May I crawl news portals for a research corpus?",
                "Is it allowed to scrape online news sites for a study?",
                "Can I collect articles from news websites with a scraper for my thesis?");
        var helpdesk = TestHelpdesk.shared();
        AnswerPolicy policy = AnswerPolicy.defaults();
        Understood found = firstUnderstood(
                candidates,
                u -> u.top().probability() >= policy.cardProbability() && u.margin() < policy.cardMargin(),
                "no candidate sits between two cards any more: add one that does");
        String question = found.question();
        Understanding understood = found.understanding();
        AnswerCard first = helpdesk.knowledge().card(understood.top().intent()).orElseThrow();
        AnswerCard second =
                helpdesk.knowledge().card(understood.guesses().get(1).intent()).orElseThrow();
        assertTrue(first.neighbours(second), first.id() + " and " + second.id());
        Answer answer = answers.ask(question, Optional.empty());
        assertEquals(Outcome.ANSWERED, answer.outcome(), answer.source());
        assertEquals("card:" + first.id() + " card:" + second.id(), answer.source());
        assertTrue(answer.answer().contains(second.title(Language.EN)), answer.answer());
    }

    @Test
    void twoAboutEquallyLikelyCardsThatTheQuestionAsksPartByPartAreBothAnswered() {
        // Two questions in one, on licensing one's data and on the personal data in it; the model decides which
        // wordings leave the two cards about equally likely for the whole, so the test takes the first that does.
        List<String> candidates = List.of(
                "How do I license my research data? Does a Creative Commons licence also cover the personal data in it?",
                "How do I license my data? And does that licence also cover the personal data in the files?",
                "What licence do I put on my research data? And does a CC licence also cover the personal data in it?",
                "How do I license the research data I collected? And does a Creative Commons licence cover the"
                        + " personal data in it as well?");
        var helpdesk = TestHelpdesk.shared();
        AnswerPolicy policy = AnswerPolicy.defaults();
        Understood found = firstUnderstood(
                candidates,
                u -> u.top().probability() >= policy.cardProbability()
                        && u.margin() < policy.cardMargin()
                        && u.parts().stream()
                                .anyMatch(p -> p.top()
                                                .intent()
                                                .equals(u.guesses().get(1).intent())
                                        && p.top().probability() >= policy.partProbability()),
                "no candidate leaves the two cards about equally likely any more: add one that does");
        String question = found.question();
        Understanding understood = found.understanding();
        AnswerCard first = helpdesk.knowledge().card(understood.top().intent()).orElseThrow();
        AnswerCard second =
                helpdesk.knowledge().card(understood.guesses().get(1).intent()).orElseThrow();
        assertFalse(first.neighbours(second), first.id() + " and " + second.id() + " are neighbours anyway");
        // Both cards are given instead of the unsure answer; the outcome stays the office's when a part is unclear.
        Answer answer = answers.ask(question, Optional.empty());
        assertTrue(answer.source().startsWith("card:" + first.id()), answer.source());
        assertTrue(answer.source().contains("card:" + second.id()), answer.source());
        assertTrue(answer.answer().contains(second.title(Language.EN)), answer.answer());
    }

    @Test
    void aQuestionQuotingTheTermsOfASpecificSiteGoesToTheOfficeWithTheContractCard() {
        Answer answer = answers.ask(
                "The site's terms of use say: \"You may not use automated means to access or collect any content "
                        + "from this website without our prior written consent.\" May I still scrape it for my thesis?",
                Optional.empty());
        assertEquals(Outcome.ESCALATE, answer.outcome(), answer.source());
        assertTrue(answer.source().startsWith("rules:quoted-terms card:faq-vendor-contract"), answer.source());
        assertTrue(answer.escalationReason().contains("quote"), answer.escalationReason());
    }

    @Test
    void aDutchQuestionQuotingTermsNamedInACompoundGoesToTheOfficeToo() {
        Answer answer = answers.ask(
                "In de gebruiksvoorwaarden van het platform staat: \"Het is niet toegestaan om zonder onze schriftelijke "
                        + "toestemming geautomatiseerd gegevens van deze website te verzamelen.\" Mag ik toch scrapen?",
                Optional.empty());
        assertEquals(Outcome.ESCALATE, answer.outcome(), answer.source());
        assertTrue(answer.source().startsWith("rules:quoted-terms card:faq-vendor-contract"), answer.source());
    }

    @Test
    void apostrophesAndShortQuotedWordsAreNotTakenForAQuotedContract() {
        Answer answer = answers.ask(
                "I'm doing my PhD on soil data and I don't know whether the licence of a 'public' dataset I've "
                        + "found lets me mine it for my research; what's the rule?",
                Optional.empty());
        assertFalse(answer.source().contains("quoted-terms"), answer.source());
    }

    @Test
    void theConfidenceIsTheIntentsProbabilityUnderTheAnswersCalibration() {
        String question = "Hoe lang mag ik de verzamelde data voor mijn onderzoek bewaren?";
        Answer answer = answers.ask(question, Optional.empty());
        var helpdesk = TestHelpdesk.shared();
        double probability = helpdesk.understanding()
                .understand(
                        question,
                        Language.NL,
                        helpdesk.retriever().search(question, Language.NL).queryVector())
                .top()
                .probability();
        assertEquals(AnswerPolicy.defaults().reportedConfidence(probability), answer.confidence(), 1e-9);
    }

    /** A candidate question and how the shipped model understands it. */
    private record Understood(String question, Understanding understanding) {}

    /** The first candidate the shipped model understands in the given state; which one does is the model's call. */
    private static Understood firstUnderstood(
            List<String> candidates, java.util.function.Predicate<Understanding> state, String noneMessage) {
        var helpdesk = TestHelpdesk.shared();
        for (String candidate : candidates) {
            Understanding u = helpdesk.understanding()
                    .understand(
                            candidate,
                            Language.EN,
                            helpdesk.retriever().search(candidate, Language.EN).queryVector());
            if (state.test(u)) {
                return new Understood(candidate, u);
            }
        }
        return fail(noneMessage);
    }
}
