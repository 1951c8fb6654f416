package nl.wur.cip.helpdesk.understanding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class QuestionPartsTest {
    @Test
    void eachQuestionOfALongQuestionIsAPart() {
        assertEquals(
                List.of(
                        "How long may I keep the corpus after my PhD?",
                        "and may I share it with a partner university?"),
                QuestionParts.split(
                        "How long may I keep the corpus after my PhD? and may I share it with a partner university?"));
    }

    @Test
    void abbreviationsAndShortFragmentsDoNotMakeParts() {
        assertEquals(
                List.of("Does art. 15n Aw, e.g. in lid 2, let me keep the data for verification?"),
                QuestionParts.split("Does art. 15n Aw, e.g. in lid 2, let me keep the data for verification? Thanks!"));
    }

    @Test
    void contextSentencesAreParts() {
        assertEquals(
                List.of(
                        "Ik ben promovendus bij de WUR.",
                        "Mag ik foto's van Flickr gebruiken om een model te trainen?"),
                QuestionParts.split(
                        "Ik ben promovendus bij de WUR. Mag ik foto's van Flickr gebruiken om een model te trainen?"));
    }

    @Test
    void aSecondQuestionJoinedByAndInOneSentenceIsAPartOfItsOwn() {
        assertEquals(
                List.of("Was it lawful to train ChatGPT on web pages and books?", "who owns the answers it gives me?"),
                QuestionParts.split(
                        "Was it lawful to train ChatGPT on web pages and books, and who owns the answers it gives"
                                + " me?"));
        assertEquals(
                List.of(
                        "Mag ik tweets over stikstof scrapen voor mijn onderzoek?",
                        "moet ik de gebruikers om toestemming vragen?"),
                QuestionParts.split(
                        "Mag ik tweets over stikstof scrapen voor mijn onderzoek en moet ik de gebruikers om toestemming vragen?"));
    }

    @Test
    void anAndThatDoesNotOpenAQuestionOrLeavesTooLittleKeepsTheSentenceWhole() {
        assertEquals(
                List.of("May I mine and publish the abstracts of ten thousand articles for my research?"),
                QuestionParts.split("May I mine and publish the abstracts of ten thousand articles for my research?"));
        assertEquals(
                List.of("How long may I keep the scraped data and is that okay?"),
                QuestionParts.split("How long may I keep the scraped data and is that okay?"));
    }

    @Test
    void aPartThatRefersBackIsReadWithTheNamesOfThePartBeforeIt() {
        assertEquals(
                "who owns the answers it gives me? ChatGPT",
                QuestionParts.withNamesReferredTo(
                        "who owns the answers it gives me?", "Was it lawful to train ChatGPT on web pages and books?"));
        assertEquals(
                "mag ik ze daarna delen? Elsevier",
                QuestionParts.withNamesReferredTo(
                        "mag ik ze daarna delen?", "Ik download artikelen van Elsevier voor mijn model."));
    }

    @Test
    void aPartThatStandsOnItsOwnOrNamesItsSubjectIsReadAsWritten() {
        assertEquals(
                "Who owns the output of Midjourney?",
                QuestionParts.withNamesReferredTo(
                        "Who owns the output of Midjourney?", "I use ChatGPT for my thesis."));
        assertEquals(
                "who owns what ChatGPT writes for it?",
                QuestionParts.withNamesReferredTo(
                        "who owns what ChatGPT writes for it?", "I use ChatGPT for my thesis."));
        assertEquals(
                "and may I share it with a partner university?",
                QuestionParts.withNamesReferredTo(
                        "and may I share it with a partner university?", "how long may I keep the corpus?"));
    }
}
