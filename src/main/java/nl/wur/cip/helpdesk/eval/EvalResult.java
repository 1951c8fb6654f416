package nl.wur.cip.helpdesk.eval;

/**
 * How the helpdesk did on one question, with the reason when it failed and what chose the answer (the answer's
 * {@code source}: the card, intent or rule); {@code probability} is the intent model's own, behind the confidence.
 */
public record EvalResult(
        EvalQuestion question,
        boolean passed,
        String outcome,
        double confidence,
        double probability,
        String failure,
        String source) {}
