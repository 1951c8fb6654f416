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
}
