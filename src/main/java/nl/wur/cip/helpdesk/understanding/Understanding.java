package nl.wur.cip.helpdesk.understanding;

import java.util.List;

/**
 * What a question holds: its intents as a whole, most likely first, and, for a question of several sentences,
 * the intents of each part in the order they were asked.
 */
public record Understanding(List<IntentGuess> guesses, List<Part> parts) {

    /** One sentence of a longer question and its intents. */
    public record Part(String text, List<IntentGuess> guesses) {
        public IntentGuess top() {
            return guesses.get(0);
        }
    }

    public IntentGuess top() {
        return guesses.get(0);
    }

    /** How far the best intent leads the runner-up: a small lead means two intents are about as likely. */
    public double margin() {
        return guesses.size() < 2
                ? guesses.get(0).probability()
                : guesses.get(0).probability() - guesses.get(1).probability();
    }
}
