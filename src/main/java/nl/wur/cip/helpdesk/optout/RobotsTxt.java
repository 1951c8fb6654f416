package nl.wur.cip.helpdesk.optout;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed robots.txt (RFC 9309). Groups start with one or more {@code user-agent} lines; a crawler obeys every group
 * naming its product token (case-insensitively), or else the {@code *} groups. Within them the longest matching
 * {@code allow} or {@code disallow} path wins, {@code allow} on a tie. Unknown lines and garbage are ignored.
 */
public final class RobotsTxt {
    /** One allow or disallow line, with its line number and raw text as evidence. */
    public record Rule(boolean allow, String path, int line, String raw) {}

    /** The user agents a group names and its rules. */
    record Group(Set<String> agents, List<Rule> rules) {}

    /** The decision for one agent and path: the rule that decided, if any. */
    public record Decision(boolean allowed, Optional<Rule> rule, boolean specificGroup) {}

    private static final int MAX_LINE_CHARS = 4096;
    private final List<Group> groups;

    private RobotsTxt(List<Group> groups) {
        this.groups = groups;
    }

    public static RobotsTxt parse(String text) {
        List<Group> groups = new ArrayList<>();
        Set<String> agents = new LinkedHashSet<>();
        List<Rule> rules = new ArrayList<>();
        boolean inRules = false;
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            if (i == 0 && raw.startsWith("\uFEFF")) {
                raw = raw.substring(1);
            }
            if (raw.length() > MAX_LINE_CHARS) {
                continue;
            }
            String line = raw;
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "user-agent" -> {
                    if (inRules) {
                        groups.add(new Group(agents, rules));
                        agents = new LinkedHashSet<>();
                        rules = new ArrayList<>();
                        inRules = false;
                    }
                    if (!value.isEmpty()) {
                        agents.add(value.toLowerCase(Locale.ROOT));
                    }
                }
                case "allow", "disallow" -> {
                    if (agents.isEmpty()) {
                        continue; // rules before any user-agent line belong to no group
                    }
                    inRules = true;
                    if (!value.isEmpty()) { // an empty disallow allows everything: no rule
                        rules.add(new Rule(key.equals("allow"), value, i + 1, raw.strip()));
                    }
                }
                default -> { // sitemap, crawl-delay, unknown keys: not part of the matching
                }
            }
        }
        if (!agents.isEmpty()) {
            groups.add(new Group(agents, rules));
        }
        return new RobotsTxt(List.copyOf(groups));
    }

    /** Whether any group names this agent itself (not through {@code *}). */
    public boolean names(String agent) {
        String token = agent.toLowerCase(Locale.ROOT);
        return groups.stream().anyMatch(g -> g.agents().contains(token));
    }

    /** The rules that apply to the agent: every group naming it, or else every {@code *} group. */
    public List<Rule> rulesFor(String agent) {
        String token = agent.toLowerCase(Locale.ROOT);
        List<Rule> specific = new ArrayList<>();
        List<Rule> star = new ArrayList<>();
        for (Group g : groups) {
            if (g.agents().contains(token)) {
                specific.addAll(g.rules());
            }
            if (g.agents().contains("*")) {
                star.addAll(g.rules());
            }
        }
        return names(agent) ? specific : star;
    }

    /** Decides whether the agent may fetch the path (with its query); /robots.txt itself is always allowed. */
    public Decision decide(String agent, String path) {
        boolean specific = !agent.equals("*") && names(agent);
        if (path.equals("/robots.txt")) {
            return new Decision(true, Optional.empty(), specific);
        }
        Rule best = null;
        for (Rule rule : rulesFor(agent)) {
            if (PathPattern.matches(rule.path(), path)) {
                if (best == null
                        || rule.path().length() > best.path().length()
                        || (rule.path().length() == best.path().length() && rule.allow() && !best.allow())) {
                    best = rule;
                }
            }
        }
        return new Decision(best == null || best.allow(), Optional.ofNullable(best), specific);
    }
}
