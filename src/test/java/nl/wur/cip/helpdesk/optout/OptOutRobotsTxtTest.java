package nl.wur.cip.helpdesk.optout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** robots.txt matching per RFC 9309, path patterns, and which addresses count as public. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class OptOutRobotsTxtTest {

    @ParameterizedTest
    @CsvSource({
        "/fish, /fish, true",
        "/fish, /fish.html, true",
        "/fish, /Fish, false",
        "/fish$, /fish, true",
        "/fish$, /fish/, false",
        "/*.php, /index.php, true",
        "/*.php, /folder/filename.php?p=1, true",
        "/*.php$, /filename.php?p=1, false",
        "/fish*.php, /fishheads/catfish.php, true",
        "/fish*.php, /Fish.PHP, false",
        "*, /anything, true",
        "/a*b*c, /a-x-b-y-c, true",
        "/a*b*c, /a-x-c-y-b, false",
    })
    void pathPatterns(String pattern, String path, boolean matches) {
        assertEquals(matches, PathPattern.matches(pattern, path));
    }

    @Test
    void hostilePatternsDoNotBacktrackForever() {
        String pattern = "/" + "*a".repeat(200) + "b";
        String path = "/" + "a".repeat(5000);
        assertFalse(PathPattern.matches(pattern, path));
    }

    @Test
    void theLongestMatchWinsAndAllowWinsATie() {
        RobotsTxt robots = RobotsTxt.parse("""
                User-agent: *
                Disallow: /docs/
                Allow: /docs/public/
                Disallow: /page
                Allow: /page
                """);
        assertFalse(robots.decide("*", "/docs/secret").allowed());
        assertTrue(robots.decide("*", "/docs/public/x").allowed());
        assertTrue(robots.decide("*", "/page").allowed(), "allow wins when equally long");
        assertTrue(robots.decide("*", "/other").allowed());
        assertEquals(2, robots.decide("*", "/docs/secret").rule().orElseThrow().line());
    }

    @Test
    void groupsAreSelectedByProductTokenAndMerged() {
        RobotsTxt robots = RobotsTxt.parse("""
                User-agent: gptbot
                User-agent: CCBot
                Disallow: /a/

                User-agent: *
                Disallow: /private/

                user-agent: GPTBot
                disallow: /b/
                """);
        assertFalse(robots.decide("GPTBot", "/a/1").allowed(), "case-insensitive product token");
        assertFalse(robots.decide("GPTBot", "/b/1").allowed(), "groups for the same agent are merged");
        assertTrue(robots.decide("GPTBot", "/private/1").allowed(), "a named agent does not also follow *");
        assertFalse(robots.decide("CCBot", "/a/1").allowed());
        assertTrue(robots.decide("CCBot", "/b/1").allowed());
        assertFalse(robots.decide("ClaudeBot", "/private/1").allowed(), "an unnamed agent follows *");
        assertTrue(robots.names("ccbot"));
        assertFalse(robots.names("ClaudeBot"));
    }

    @Test
    void emptyDisallowCommentsAndGarbageAllowEverything() {
        RobotsTxt robots =
                RobotsTxt.parse("\uFEFFUser-agent: * # everyone\nDisallow:\n\u0000\u0001garbage\nDisallow /x\n");
        assertTrue(robots.decide("*", "/x").allowed());
        assertTrue(RobotsTxt.parse("").decide("GPTBot", "/").allowed());
        assertTrue(
                RobotsTxt.parse("Disallow: /\n").decide("*", "/").allowed(), "rules before any user-agent are ignored");
    }

    @Test
    void robotsTxtItselfIsAlwaysAllowed() {
        RobotsTxt robots = RobotsTxt.parse("User-agent: *\nDisallow: /\n");
        assertTrue(robots.decide("*", "/robots.txt").allowed());
        assertFalse(robots.decide("*", "/").allowed());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.0.0.1",
                "172.16.5.4",
                "172.31.255.255",
                "192.168.1.1",
                "127.0.0.1",
                "127.5.5.5",
                "0.0.0.0",
                "169.254.169.254",
                "100.64.0.1",
                "100.127.255.255",
                "224.0.0.1",
                "255.255.255.255",
                "::1",
                "::",
                "fc00::1",
                "fd12:3456::1",
                "fe80::1",
                "ff02::1",
                "::ffff:10.0.0.1",
                "::ffff:127.0.0.1",
                "64:ff9b::a00:1",
                "::a00:1"
            })
    void nonPublicAddresses(String address) throws Exception {
        assertFalse(AddressPolicy.isPublic(InetAddress.getByName(address)), address);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"8.8.8.8", "137.224.0.1", "100.128.0.1", "172.32.0.1", "2001:4860:4860::8888", "::ffff:8.8.8.8"})
    void publicAddresses(String address) throws Exception {
        assertTrue(AddressPolicy.isPublic(InetAddress.getByName(address)), address);
    }

    @Test
    void everyResolvedAddressIsChecked() {
        AddressPolicy policy = new AddressPolicy(a -> false, host ->
                new InetAddress[] {InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.1.2.3")});
        assertEquals(
                UrlRefusedException.class,
                org.junit.jupiter.api.Assertions.assertThrows(
                                Exception.class, () -> policy.check(java.net.URI.create("http://rebinding.example/")))
                        .getClass());
    }

    @Test
    void theCrawlerListHasEveryAgentWithItsOperator() {
        var crawlers = Crawlers.load(java.nio.file.Path.of("knowledge", "optout", "crawlers.yml"));
        var agents = crawlers.stream().map(Crawlers.Crawler::agent).toList();
        assertEquals(20, crawlers.size());
        assertTrue(agents.containsAll(java.util.List.of(
                "GPTBot",
                "ChatGPT-User",
                "OAI-SearchBot",
                "CCBot",
                "ClaudeBot",
                "anthropic-ai",
                "Claude-Web",
                "Google-Extended",
                "Applebot-Extended",
                "PerplexityBot",
                "Bytespider",
                "Meta-ExternalAgent",
                "Amazonbot",
                "cohere-ai",
                "Diffbot",
                "Omgilibot",
                "FacebookBot",
                "ImagesiftBot",
                "Timpibot",
                "YouBot")));
        assertTrue(crawlers.stream().noneMatch(c -> c.operator().isBlank()));
    }

    @Test
    void aBrokenCrawlerListIsRefusedWithItsPathAndLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder)
            throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Files.writeString(
                folder.resolve("crawlers.yml"),
                "crawlers:\n  - agent: GPTBot\n    agent: CCBot\n    operator: OpenAI\n");
        String message = org.junit.jupiter.api.Assertions.assertThrows(
                        IllegalArgumentException.class, () -> Crawlers.load(file))
                .getMessage();
        assertTrue(
                message.startsWith(file + ":3: invalid YAML") && message.contains("Duplicate field 'agent'"), message);
    }
}
