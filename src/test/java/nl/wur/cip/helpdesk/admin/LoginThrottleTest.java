package nl.wur.cip.helpdesk.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import nl.wur.cip.helpdesk.MutableClock;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));

    @Test
    void locksAClientOutForLongerAfterEachFurtherWrongPassword() {
        LoginThrottle throttle = new LoginThrottle(clock);
        for (int i = 1; i < LoginThrottle.FREE_FAILURES; i++) {
            throttle.failed("10.0.0.1");
            assertTrue(throttle.lockedFor("10.0.0.1").isEmpty(), "free attempt " + i);
        }
        throttle.failed("10.0.0.1");
        assertEquals(Duration.ofSeconds(1), throttle.lockedFor("10.0.0.1").orElseThrow());
        clock.advance(Duration.ofSeconds(1));
        throttle.failed("10.0.0.1");
        assertEquals(Duration.ofSeconds(2), throttle.lockedFor("10.0.0.1").orElseThrow());
        for (int i = 0; i < 30; i++) {
            throttle.failed("10.0.0.1");
        }
        assertEquals(LoginThrottle.MAX_LOCK, throttle.lockedFor("10.0.0.1").orElseThrow(), "capped");
        assertTrue(throttle.lockedFor("10.0.0.2").isEmpty(), "other clients are not affected");
    }

    @Test
    void theRightPasswordIsRefusedDuringALockOutAndAcceptedAfterIt() {
        AdminAuth auth = new AdminAuth("correct horse battery staple", clock);
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertInstanceOf(AdminAuth.Login.Refused.class, auth.login("10.0.0.1", "guess" + i));
        }
        assertInstanceOf(AdminAuth.Login.Throttled.class, auth.login("10.0.0.1", "correct horse battery staple"));
        clock.advance(Duration.ofSeconds(2));
        AdminAuth.Login login = auth.login("10.0.0.1", "correct horse battery staple");
        assertInstanceOf(AdminAuth.Login.Accepted.class, login);
        String token = ((AdminAuth.Login.Accepted) login).token();
        assertTrue(auth.valid(token));
        clock.advance(AdminAuth.SESSION_LENGTH.plusSeconds(1));
        assertTrue(!auth.valid(token), "sessions expire");
    }
}
