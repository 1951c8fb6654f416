package nl.wur.cip.helpdesk.reload;

/** Builds the knowledge folder as it is now into a candidate generation; the composition root knows the parts. */
@FunctionalInterface
public interface GenerationBuilder {
    /**
     * @param number the number the generation gets if it is switched to
     * @return a candidate that answers, or one that lists the folder's problems by file and line
     */
    Candidate build(int number);
}
