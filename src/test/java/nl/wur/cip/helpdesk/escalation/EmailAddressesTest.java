package nl.wur.cip.helpdesk.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressesTest {
    @ParameterizedTest
    @ValueSource(strings = {"ada@example.org", "first.last+tdm@wur.nl", "a_b@sub.domain.example.com"})
    void acceptsPlainAddresses(String address) {
        assertEquals(address, EmailAddresses.parse(address).orElseThrow().getAddress());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "ada",
                "ada@",
                "@wur.nl",
                "ada@localhost",
                "Ada <ada@wur.nl>",
                "ada@wur.nl, eve@evil.test",
                "ada@wur.nl\r\nBcc: eve@evil.test",
                "ada@wur.nl\nX: y",
                "\"ada lovelace\"@wur.nl",
                "ada@@wur.nl",
                "ada@wur..nl",
                "ada@-wur.nl",
                "ada lovelace@wur.nl",
                "ada@wur.nl\u2028",
                "group: ada@wur.nl;"
            })
    void refusesAnythingElse(String address) {
        assertTrue(EmailAddresses.parse(address).isEmpty(), address);
    }

    @ParameterizedTest
    @ValueSource(ints = {255, 400})
    void refusesOverlongAddresses(int length) {
        assertTrue(EmailAddresses.parse("a".repeat(length - 8) + "@wur.nl").isEmpty());
    }
}
