package nl.wur.cip.helpdesk.search;

import nl.wur.cip.helpdesk.knowledge.Passage;

/**
 * A passage found for a question.
 *
 * @param score    the rank-fusion score used for ordering
 * @param cosine   similarity of the question's and the passage's vectors
 * @param coverage share of the question's content terms that the passage contains
 */
public record ScoredPassage(Passage passage, double score, double cosine, double coverage) {}
