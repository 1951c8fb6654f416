package nl.wur.cip.helpdesk.checklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.wur.cip.helpdesk.knowledge.Language;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The engine on the shipped tree: the verdicts the office expects, partial answers, and bad input. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChecklistEngineTest {
    private ChecklistEngine engine;

    @BeforeAll
    void load() {
        engine = new ChecklistEngine(new ChecklistLoader().load(Path.of("knowledge/checklist/checklist.yml")));
    }

    /** A WUR researcher doing everything by the book. */
    static LinkedHashMap<String, String> byTheBook() {
        LinkedHashMap<String, String> answers = new LinkedHashMap<>();
        answers.put("material", "images");
        answers.put("personal_data", "none");
        answers.put("source", "open_web");
        answers.put("lawfulness", "lawful");
        answers.put("who", "wur_researcher");
        answers.put("purpose", "scientific_research");
        answers.put("company_influence", "independent");
        answers.put("server_load", "will_follow");
        answers.put("storage", "wur_secure");
        answers.put("sharing", "wur_only");
        answers.put("retention", "until_verified");
        answers.put("publication", "results_only");
        return answers;
    }

    static LinkedHashMap<String, String> with(Map<String, String> base, String... pairs) {
        LinkedHashMap<String, String> answers = new LinkedHashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            answers.put(pairs[i], pairs[i + 1]);
        }
        return answers;
    }

    /** The company path: the general track, which skips purpose and the research-only question. */
    private static LinkedHashMap<String, String> company() {
        LinkedHashMap<String, String> answers = new LinkedHashMap<>(byTheBook());
        answers.remove("purpose");
        answers.remove("company_influence");
        answers.put("who", "company");
        answers.put("opt_out", "none_found");
        return answers;
    }

    private static LinkedHashMap<String, String> without(Map<String, String> base, String... questions) {
        LinkedHashMap<String, String> answers = new LinkedHashMap<>(base);
        for (String question : questions) {
            answers.remove(question);
        }
        return answers;
    }

    private static List<String> levelIds(Assessment assessment) {
        return assessment.levels().stream().map(Assessment.Verdict::level).toList();
    }

    private static Map<String, String> texts(Assessment assessment) {
        Map<String, String> texts = new LinkedHashMap<>();
        assessment.conditions().forEach(n -> texts.put(n.id(), n.text()));
        return texts;
    }

    private static List<String> ids(List<Assessment.Note> notes) {
        return notes.stream().map(Assessment.Note::id).toList();
    }

    private static List<String> askedQuestions(Assessment assessment) {
        return assessment.steps().stream().map(Assessment.Step::questionId).toList();
    }

    @Test
    void noAnswersAsksTheStartQuestion() {
        Assessment assessment = engine.assess(Map.of(), Language.EN);
        assertFalse(assessment.complete());
        assertNull(assessment.verdict());
        assertEquals("material", assessment.next().id());
        assertTrue(assessment.next().text().startsWith("What material"));
        assertFalse(assessment.next().help().isBlank());
        assertEquals("text", assessment.next().options().get(0).id());
        assertEquals(List.of(), assessment.steps());
        assertEquals(List.of(), assessment.conditions());
        assertEquals(assessment, engine.assess(null, Language.EN), "null answers count as none");
    }

    @Test
    void partialAnswersGiveTheNextQuestionAndWhatIsKnownSoFar() {
        Assessment assessment = engine.assess(Map.of("material", "text", "personal_data", "contains"), Language.EN);
        assertFalse(assessment.complete());
        assertNull(assessment.verdict());
        assertEquals("source", assessment.next().id());
        assertEquals(
                List.of("open_web", "library_subscription", "third_party_dataset", "unknown"),
                assessment.next().options().stream().map(Assessment.Choice::id).toList());
        assertEquals(List.of("personal_data"), ids(assessment.flags()));
        assertTrue(assessment.flags().get(0).text().contains("privacy officer"));
        assertTrue(assessment.cites().contains("gdpr-personal-data"));
        assertEquals(List.of("material", "personal_data"), askedQuestions(assessment));
        assertEquals(
                "Text (articles, books, web pages, reports)",
                assessment.steps().get(0).answer());
        assertEquals("Yes", assessment.steps().get(1).answer(), "an unquoted Yes would have become 'true'");
    }

    @Test
    void researcherByTheBookIsCoveredByTheResearchExceptionWithConditions() {
        Assessment assessment = engine.assess(byTheBook(), Language.EN);
        assertTrue(assessment.complete());
        assertNull(assessment.next());
        assertEquals("research_exception", assessment.verdict().level());
        assertTrue(assessment.verdict().text().contains("Art. 3"));
        assertEquals(
                List.of(
                        "lawful_access",
                        "respect_terms",
                        "store_securely",
                        "no_sharing",
                        "delete_when_done",
                        "do_not_publish_dataset"),
                ids(assessment.conditions()));
        assertTrue(assessment.conditions().get(2).text().contains("need-to-know"));
        assertEquals(List.of(), assessment.flags());
        assertTrue(assessment.cites().containsAll(List.of("dsm-art-3", "aw-art-15n", "cip-2021-training-ai")));
        assertEquals(byTheBook().size(), assessment.steps().size());
    }

    @Test
    void theResearchTrackNeverAsksAboutOptOuts() {
        Assessment assessment = engine.assess(byTheBook(), Language.EN);
        assertFalse(askedQuestions(assessment).contains("opt_out"), "the research exception has no opt-out");
        Assessment partial = engine.assess(
                with(Map.of(
                        "material",
                        "text",
                        "personal_data",
                        "none",
                        "source",
                        "library_subscription",
                        "who",
                        "wur_researcher",
                        "purpose",
                        "scientific_research")),
                Language.EN);
        assertEquals("company_influence", partial.next().id());
    }

    @Test
    void aCompanyFallsAtBestUnderTheGeneralExceptionAndSkipsResearchQuestions() {
        Assessment assessment = engine.assess(company(), Language.EN);
        assertTrue(assessment.complete());
        assertEquals("general_exception", assessment.verdict().level());
        assertTrue(ids(assessment.conditions()).contains("check_optouts"));
        assertFalse(askedQuestions(assessment).contains("purpose"));
        assertFalse(askedQuestions(assessment).contains("company_influence"));
        assertTrue(askedQuestions(assessment).contains("opt_out"));
        assertTrue(assessment.cites().containsAll(List.of("dsm-art-4", "aw-art-15o", "optout-machine-readable")));
    }

    @Test
    void aCommercialPurposeGoesToTheGeneralTrack() {
        LinkedHashMap<String, String> answers = with(byTheBook(), "purpose", "commercial");
        answers.remove("company_influence");
        answers.remove("server_load");
        answers.remove("storage");
        answers.remove("sharing");
        answers.remove("retention");
        answers.remove("publication");
        assertEquals("opt_out", engine.assess(answers, Language.EN).next().id());
        answers = with(byTheBook(), "purpose", "commercial", "opt_out", "none_found");
        answers.remove("company_influence");
        Assessment assessment = engine.assess(answers, Language.EN);
        assertEquals("general_exception", assessment.verdict().level());
        assertTrue(ids(assessment.conditions()).contains("check_optouts"));
    }

    @Test
    void optOutsNotCheckedYetAreUnclearUntilChecked() {
        Assessment notChecked = engine.assess(with(company(), "opt_out", "not_checked"), Language.EN);
        assertEquals("unclear", notChecked.verdict().level());
        assertEquals(List.of("general_exception", "unclear"), levelIds(notChecked));
        assertTrue(ids(notChecked.conditions()).contains("check_optouts"));
        assertEquals(
                "general_exception",
                engine.assess(with(company(), "opt_out", "none_found"), Language.EN)
                        .verdict()
                        .level());
    }

    @Test
    void teachingFallsAtBestUnderTheGeneralExceptionAndOtherPurposesAreUnclear() {
        LinkedHashMap<String, String> answers = with(byTheBook(), "purpose", "teaching", "opt_out", "none_found");
        answers.remove("company_influence");
        Assessment teaching = engine.assess(answers, Language.EN);
        assertEquals("general_exception", teaching.verdict().level());
        assertEquals(List.of("teaching"), ids(teaching.flags()), "teaching points to the teaching exception");
        assertTrue(
                teaching.flags().get(0).text().contains("Auteurswet Art. 16"),
                teaching.flags().get(0).text());
        assertTrue(
                teaching.flags().get(0).text().contains("DSM Directive Art. 5"),
                teaching.flags().get(0).text());
        assertTrue(teaching.cites().contains("aw-art-16"));
        assertTrue(engine.assess(answers, Language.NL).flags().get(0).text().contains("Auteurswet art. 16"));
        answers.put("purpose", "other");
        assertEquals("unclear", engine.assess(answers, Language.EN).verdict().level());
    }

    @Test
    void anOptOutMeansPermissionIsNeeded() {
        Assessment assessment = engine.assess(with(company(), "opt_out", "reserved"), Language.EN);
        assertEquals("permission_needed", assessment.verdict().level());
        assertTrue(ids(assessment.conditions()).contains("exclude_reserved"));
    }

    @Test
    void aReservationOnlyInWordsIsUnclear() {
        assertEquals(
                "unclear",
                engine.assess(with(company(), "opt_out", "terms_text_only"), Language.EN)
                        .verdict()
                        .level());
    }

    @Test
    void aSuspectedInfringingSourceMeansPermissionIsNeeded() {
        Assessment assessment = engine.assess(with(byTheBook(), "lawfulness", "suspected"), Language.EN);
        assertEquals("permission_needed", assessment.verdict().level());
        assertTrue(assessment.verdict().title().contains("Permission"));
    }

    @Test
    void sharingOrPublishingTheDatasetIsNotCovered() {
        assertEquals(
                "permission_needed",
                engine.assess(with(byTheBook(), "sharing", "public"), Language.EN)
                        .verdict()
                        .level());
        assertEquals(
                "permission_needed",
                engine.assess(with(byTheBook(), "publication", "dataset"), Language.EN)
                        .verdict()
                        .level());
    }

    @Test
    void sharingWithPartnerOrganisationsIsUnclear() {
        // Partners can make their own copies under their own Art. 3; recital 15 on joint research: the CIP settles it.
        Assessment research = engine.assess(with(byTheBook(), "sharing", "external_partners"), Language.EN);
        assertEquals("unclear", research.verdict().level());
        assertEquals(List.of("unclear"), levelIds(research), "no definite permission_needed any more");
        assertEquals(
                "unclear",
                engine.assess(with(company(), "sharing", "external_partners"), Language.EN)
                        .verdict()
                        .level());
        String help = engine.assess(without(byTheBook(), "sharing", "retention", "publication"), Language.EN)
                .next()
                .help();
        assertTrue(help.contains("own copies under Art. 3") && help.contains("recital 15"), help);
    }

    @Test
    void publishingATrainedModelOrServiceIsUnclear() {
        Assessment research = engine.assess(with(byTheBook(), "publication", "trained_model"), Language.EN);
        assertEquals("unclear", research.verdict().level());
        assertEquals(List.of("model_reproduction"), ids(research.flags()));
        assertTrue(
                research.flags().get(0).text().contains("AI Act"),
                research.flags().get(0).text());
        assertTrue(research.cites().containsAll(List.of("case-gema-openai-2025", "ai-act-art-2-6")));
        assertEquals(
                "unclear",
                engine.assess(with(company(), "publication", "trained_model"), Language.EN)
                        .verdict()
                        .level());
    }

    @Test
    void storageOutsideWurIsUnclearOnTheResearchTrackOnly() {
        // Art. 3(2) asks for secure storage; Art. 4 has no storage rule.
        assertEquals(
                "unclear",
                engine.assess(with(byTheBook(), "storage", "outside_wur"), Language.EN)
                        .verdict()
                        .level());
        Assessment general = engine.assess(with(company(), "storage", "outside_wur"), Language.EN);
        assertEquals("general_exception", general.verdict().level());
        assertEquals(List.of("general_exception"), levelIds(general));
        LinkedHashMap<String, String> commercial =
                with(byTheBook(), "purpose", "commercial", "opt_out", "none_found", "storage", "outside_wur");
        commercial.remove("company_influence");
        assertEquals(
                "general_exception",
                engine.assess(commercial, Language.EN).verdict().level());
    }

    @Test
    void storageSharingRetentionAndTermsConditionsAreWordedForTheTrack() {
        Map<String, String> research = texts(engine.assess(byTheBook(), Language.EN));
        Map<String, String> general = texts(engine.assess(company(), Language.EN));
        assertTrue(research.get("store_securely").contains("Art. 3(2)")
                && research.get("store_securely").contains("need-to-know"));
        assertTrue(general.get("store_securely").contains("no storage rule"), general.get("store_securely"));
        assertTrue(research.get("no_sharing").contains("beyond WUR researchers"), research.get("no_sharing"));
        assertFalse(general.get("no_sharing").contains("WUR researchers"), general.get("no_sharing"));
        assertTrue(research.get("delete_when_done").contains("including the verification of research results"));
        assertTrue(
                general.get("delete_when_done").contains("only as long as the mining needs them"),
                general.get("delete_when_done"));
        assertFalse(general.get("delete_when_done").contains("verification"));
        assertTrue(research.get("respect_terms").contains("Art. 7(1)")
                && research.get("respect_terms").contains("unenforceable"));
        assertTrue(general.get("respect_terms").contains("can exclude mining"), general.get("respect_terms"));
        // The CIP's own rules are labelled as such, next to what the law says.
        for (String id : List.of("store_securely", "no_sharing", "delete_when_done", "respect_terms")) {
            assertTrue(
                    research.get(id).contains("The CIP asks:")
                            && research.get(id).contains("The law:"),
                    id + ": " + research.get(id));
            assertTrue(general.get(id).contains("The law:"), id + ": " + general.get(id));
        }
        Map<String, String> dutch = texts(engine.assess(byTheBook(), Language.NL));
        assertTrue(dutch.get("no_sharing").contains("Het CIP vraagt:")
                && dutch.get("no_sharing").contains("De wet:"));
        Map<String, String> dutchGeneral = texts(engine.assess(company(), Language.NL));
        assertTrue(
                dutchGeneral.get("delete_when_done").contains("zolang het minen ze nodig heeft"),
                dutchGeneral.get("delete_when_done"));
        // Each track's wording brings its own sources.
        assertTrue(engine.assess(company(), Language.EN).cites().containsAll(List.of("dsm-art-4", "aw-art-15o")));
    }

    @Test
    void theCompanyInfluenceQuestionAsksAboutTheOrganisationNotTheProject() {
        Assessment.NextQuestion question = engine.assess(
                        without(
                                byTheBook(),
                                "company_influence",
                                "server_load",
                                "storage",
                                "sharing",
                                "retention",
                                "publication"),
                        Language.EN)
                .next();
        assertEquals("company_influence", question.id());
        assertTrue(
                question.text().contains("research organisation itself")
                        && question.text().contains("preferential access"),
                question.text());
        assertTrue(question.help().contains("only sponsors or funds your project"), question.help());
        assertFalse(question.options().stream().anyMatch(o -> o.label().contains("contract research")));
    }

    @Test
    void theWhoHelpSaysAStudentsThesisWithinWurResearchIsLikelyCovered() {
        Assessment.NextQuestion who = engine.assess(
                        Map.of("material", "text", "personal_data", "none", "source", "library_subscription"),
                        Language.EN)
                .next();
        assertEquals("who", who.id());
        assertTrue(
                who.help().contains("persons attached")
                        && who.help().contains("thesis within WUR research is likely covered"),
                who.help());
        assertTrue(who.cites().contains("dsm-recital-14"));
        assertEquals(
                "unclear",
                engine.assess(with(byTheBook(), "who", "student"), Language.EN)
                        .verdict()
                        .level(),
                "the verdict stays");
    }

    @Test
    void bothPermissionNeededAndUnclearAreShownWhenBothOccur() {
        Assessment both = engine.assess(
                with(byTheBook(), "lawfulness", "suspected", "sharing", "external_partners"), Language.EN);
        assertEquals("unclear", both.verdict().level(), "the verdict stays the most restrictive level");
        assertEquals(List.of("permission_needed", "unclear"), levelIds(both));
        assertEquals("Permission or a licence is needed", both.levels().get(0).title());
        assertEquals(both.verdict(), both.levels().get(1));
        assertTrue(
                both.cites().contains("out-of-scope") && both.cites().contains("dsm-art-4"),
                "every level's sources: " + both.cites());
        assertEquals(
                List.of("research_exception"),
                levelIds(engine.assess(byTheBook(), Language.EN)),
                "no cap: the first level");
        assertEquals(List.of(), engine.assess(Map.of(), Language.EN).levels(), "no levels while incomplete");
        assertEquals(
                "Toestemming of een licentie is nodig",
                engine.assess(with(byTheBook(), "lawfulness", "suspected", "who", "student"), Language.NL)
                        .levels()
                        .get(0)
                        .title());
    }

    @Test
    void studentsSoftwareAndUnknownSourcesGoToTheCip() {
        assertEquals(
                "unclear",
                engine.assess(with(byTheBook(), "who", "student"), Language.EN)
                        .verdict()
                        .level());
        assertEquals(
                "unclear",
                engine.assess(with(byTheBook(), "who", "external_partner"), Language.EN)
                        .verdict()
                        .level());
        assertEquals(
                "unclear",
                engine.assess(with(byTheBook(), "lawfulness", "cannot_tell"), Language.EN)
                        .verdict()
                        .level());
        Assessment software = engine.assess(with(byTheBook(), "material", "software"), Language.EN);
        assertEquals("unclear", software.verdict().level());
        assertEquals(List.of("software"), ids(software.flags()));
        assertTrue(software.cites().contains("software-directive"));
    }

    @Test
    void theMostRestrictiveLevelWins() {
        // permission_needed (suspected source) and unclear (student): unclear is the more restrictive.
        Assessment both = engine.assess(with(byTheBook(), "lawfulness", "suspected", "who", "student"), Language.EN);
        assertEquals("unclear", both.verdict().level());
        assertEquals(List.of("permission_needed", "unclear"), levelIds(both));
        // general_exception (company) and permission_needed (public dataset).
        Assessment company = engine.assess(with(company(), "sharing", "public"), Language.EN);
        assertEquals("permission_needed", company.verdict().level());
        assertEquals(List.of("general_exception", "permission_needed"), levelIds(company));
    }

    @Test
    void personalDataRaisesThePrivacyFlagWithoutChangingTheVerdict() {
        Assessment assessment = engine.assess(with(byTheBook(), "personal_data", "contains"), Language.EN);
        assertEquals("research_exception", assessment.verdict().level());
        assertEquals(List.of("personal_data"), ids(assessment.flags()));
        assertTrue(assessment.cites().contains("gdpr-personal-data"));
    }

    @Test
    void publishingAModelRaisesTheGemaFlag() {
        Assessment assessment = engine.assess(with(byTheBook(), "publication", "trained_model"), Language.EN);
        assertEquals("unclear", assessment.verdict().level());
        assertEquals(List.of("model_reproduction"), ids(assessment.flags()));
        assertTrue(assessment.flags().get(0).text().contains("GEMA"));
        assertTrue(assessment.cites().contains("case-gema-openai-2025"));
    }

    @Test
    void conditionsAndCitesAreDeDuplicated() {
        // Both source=unknown and lawfulness add lawful_access; sharing=public and publication add
        // do_not_publish_dataset.
        Assessment assessment = engine.assess(with(byTheBook(), "source", "unknown", "sharing", "public"), Language.EN);
        List<String> conditions = ids(assessment.conditions());
        assertEquals(1, Collections.frequency(conditions, "lawful_access"));
        assertEquals(1, Collections.frequency(conditions, "do_not_publish_dataset"));
        assertEquals(
                assessment.cites().size(),
                assessment.cites().stream().distinct().count());
    }

    @Test
    void theOrderOfTheAnswersDoesNotMatter() {
        List<Map.Entry<String, String>> entries = new ArrayList<>(byTheBook().entrySet());
        Collections.reverse(entries);
        LinkedHashMap<String, String> reversed = new LinkedHashMap<>();
        entries.forEach(e -> reversed.put(e.getKey(), e.getValue()));
        assertEquals(engine.assess(byTheBook(), Language.EN), engine.assess(reversed, Language.EN));
        assertEquals(engine.assess(byTheBook(), Language.NL), engine.assess(new HashMap<>(byTheBook()), Language.NL));
    }

    @Test
    void dutchGivesDutchTexts() {
        Assessment assessment = engine.assess(byTheBook(), Language.NL);
        assertEquals(
                "Gedekt door de onderzoeksuitzondering, onder voorwaarden",
                assessment.verdict().title());
        assertEquals(
                "Beelden (foto's, tekeningen, figuren)",
                assessment.steps().get(0).answer());
        assertTrue(assessment.conditions().stream().anyMatch(n -> n.text().contains("need-to-know")));
        assertEquals(
                "Welk materiaal ga je minen of gebruiken om het model te trainen?",
                engine.assess(Map.of(), Language.NL).next().text());
    }

    @Test
    void anUnknownQuestionIsRejected() {
        ChecklistException e = assertThrows(
                ChecklistException.class, () -> engine.assess(with(byTheBook(), "colour", "blue"), Language.EN));
        assertEquals("unknown question 'colour'", e.getMessage());
        HashMap<String, String> nullKey = new HashMap<>();
        nullKey.put(null, "text");
        assertEquals(
                "unknown question 'null'",
                assertThrows(ChecklistException.class, () -> engine.assess(nullKey, Language.EN))
                        .getMessage());
    }

    @Test
    void anUnknownOptionIsRejected() {
        ChecklistException e = assertThrows(
                ChecklistException.class, () -> engine.assess(with(byTheBook(), "who", "postdoc"), Language.EN));
        assertEquals(
                "unknown option 'postdoc' for question 'who'; expected one of wur_researcher, student, external_partner, company",
                e.getMessage());
        HashMap<String, String> nullValue = new HashMap<>();
        nullValue.put("material", null);
        assertTrue(assertThrows(ChecklistException.class, () -> engine.assess(nullValue, Language.EN))
                .getMessage()
                .startsWith("no option for question 'material'"));
    }

    @Test
    void anAnswerOffThePathIsOutOfOrder() {
        ChecklistException skipped = assertThrows(
                ChecklistException.class,
                () -> engine.assess(Map.of("material", "text", "source", "open_web"), Language.EN));
        assertEquals(
                "the answer to question 'source' is out of order: the earlier answers lead to question 'personal_data', not to it",
                skipped.getMessage());
        ChecklistException otherTrack = assertThrows(
                ChecklistException.class, () -> engine.assess(with(byTheBook(), "opt_out", "none_found"), Language.EN));
        assertEquals(
                "the answer to question 'opt_out' is out of order: the earlier answers complete the checklist without it",
                otherTrack.getMessage());
        ChecklistException skippedByCompany = assertThrows(
                ChecklistException.class,
                () -> engine.assess(with(company(), "purpose", "scientific_research"), Language.EN));
        assertTrue(skippedByCompany.getMessage().startsWith("the answer to question 'purpose' is out of order"));
    }

    @Test
    void theExceptionIsAnIllegalArgumentException() {
        assertTrue(IllegalArgumentException.class.isAssignableFrom(ChecklistException.class));
    }
}
