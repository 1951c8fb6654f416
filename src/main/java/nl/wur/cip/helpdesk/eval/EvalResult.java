package nl.wur.cip.helpdesk.eval;

/** How the helpdesk did on one question, with the reason when it failed. */
public record EvalResult(EvalQuestion question, boolean passed, String outcome, double confidence, String failure) {}
