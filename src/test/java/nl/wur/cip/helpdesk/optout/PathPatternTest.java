package nl.wur.cip.helpdesk.optout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathPatternTest {
    @ParameterizedTest(name = "{0} against {1}")
    @CsvSource({
        "/, /anything, true",
        "/fish, /fish.html, true",
        "/fish, /Fish, false",
        "/fish$, /fish, true",
        "/fish$, /fish/, false",
        "/*.php, /index.php, true",
        "/*.php, /filename.php?parameters, true",
        "/*.php$, /filename.php?parameters, false",
        "/*.php$, /folder/filename.php, true",
        "/fish*.php, /fish.php, true",
        "/fish*.php, /fishheads/catfish.php?x, true",
        "/fish*.php, /Fish.PHP, false",
        "*, /x, true",
        "/a*b*c$, /aXbYc, true",
        "/a*b*c$, /aXcYb, false",
        "/a**b, /ab, true",
        "$, '', true",
        "$, /x, false"
    })
    void matchesAsRfc9309Describes(String pattern, String path, boolean expected) {
        assertEquals(expected, PathPattern.matches(pattern, path));
    }

    @Test
    void agreesWithARegularExpressionOnRandomPatterns() {
        Random random = new Random(9309);
        String alphabet = "ab/*";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder pattern = new StringBuilder("/");
            for (int i = random.nextInt(6); i > 0; i--) {
                pattern.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (random.nextBoolean()) {
                pattern.append('$');
            }
            StringBuilder path = new StringBuilder("/");
            for (int i = random.nextInt(8); i > 0; i--) {
                path.append("ab/".charAt(random.nextInt(3)));
            }
            String p = pattern.toString();
            boolean anchored = p.endsWith("$");
            String body = anchored ? p.substring(0, p.length() - 1) : p;
            Pattern regex = Pattern.compile(Pattern.quote(body).replace("*", "\\E.*\\Q") + (anchored ? "" : ".*"));
            assertEquals(
                    regex.matcher(path).matches(), PathPattern.matches(p, path.toString()), p + " against " + path);
        }
    }

    @Test
    void aHostilePatternAgainstALongPathTakesLinearTime() {
        String pattern = "*" + "a".repeat(100_000) + "b";
        String path = "/" + "a".repeat(200_000);
        // A backtracking matcher needs 2 * 10^10 steps here; this one a few hundred thousand.
        boolean matched = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            boolean any = false;
            for (int i = 0; i < 50; i++) {
                any |= PathPattern.matches(pattern, path);
            }
            return any;
        });
        assertFalse(matched);
        assertTrue(PathPattern.matches(pattern, path + "b"));
    }
}
