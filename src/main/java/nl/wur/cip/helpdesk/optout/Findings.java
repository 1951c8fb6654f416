package nl.wur.cip.helpdesk.optout;

import java.util.List;

/**
 * What one check found, before it is put into words: kept in the cache and turned into a report in either language.
 *
 * @param url       the normalised address that was checked
 * @param checkedAt when, ISO-8601 UTC
 * @param problems  what could not be fetched or read, in short technical English (e.g. "robots.txt: timed out")
 */
public record Findings(String url, String checkedAt, Verdict verdict, List<Signal> signals, List<String> problems) {
    public Findings {
        signals = List.copyOf(signals);
        problems = List.copyOf(problems);
    }
}
