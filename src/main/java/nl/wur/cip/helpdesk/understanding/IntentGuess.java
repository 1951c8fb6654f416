package nl.wur.cip.helpdesk.understanding;

/** One intent the classifier considers, with its calibrated probability. */
public record IntentGuess(String intent, double probability) {}
