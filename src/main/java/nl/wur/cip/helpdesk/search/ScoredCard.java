package nl.wur.cip.helpdesk.search;

import nl.wur.cip.helpdesk.knowledge.AnswerCard;

/**
 * An answer card found for a question, with how closely its nearest phrasing matches.
 *
 * @param cosine   best vector similarity over the card's phrasings
 * @param coverage best share of the question's content terms found in one phrasing of the same language
 */
public record ScoredCard(AnswerCard card, double score, double cosine, double coverage, String matchedQuestion) {
}
