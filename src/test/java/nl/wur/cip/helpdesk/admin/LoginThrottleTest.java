package nl.wur.cip.helpdesk.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import nl.wur.cip.helpdesk.MutableClock;
import nl.wur.cip.helpdesk.guard.RateLimiter;
import nl.wur.cip.helpdesk.storage.Database;
import nl.wur.cip.helpdesk.storage.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabases.Kind.class)
@ExtendWith(TestDatabases.class)
class LoginThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));

    @Parameter
    TestDatabases.Kind kind;

    private Database database;

    @BeforeEach
    void open(TestDatabases databases) {
        database = databases.open(kind);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void locksAClientOutForLongerAfterEachFurtherWrongPassword() {
        LoginThrottle throttle = new LoginThrottle(database, clock);
        for (int i = 1; i <= LoginThrottle.PER_ADDRESS.freeFailures(); i++) {
            assertTrue(throttle.begin("10.0.0.1").isEmpty(), "free attempt " + i);
        }
        assertEquals(Duration.ofSeconds(1), throttle.begin("10.0.0.1").orElseThrow());
        assertTrue(throttle.begin("10.0.0.2").isEmpty(), "other clients are not locked out by one");
        clock.advance(Duration.ofSeconds(1));
        assertTrue(throttle.begin("10.0.0.1").isEmpty());
        assertEquals(Duration.ofSeconds(2), throttle.begin("10.0.0.1").orElseThrow());
        for (int i = 0; i < 30; i++) {
            clock.advance(LoginThrottle.PER_ADDRESS.maxLock());
            throttle.begin("10.0.0.1");
        }
        assertEquals(
                LoginThrottle.PER_ADDRESS.maxLock(), throttle.begin("10.0.0.1").orElseThrow(), "capped");
    }

    @Test
    void guessesSpreadOverManyAddressesLockTheAccountOnlyBriefly() {
        LoginThrottle throttle = new LoginThrottle(database, clock);
        for (int i = 0; i < LoginThrottle.PER_ACCOUNT.freeFailures(); i++) {
            assertTrue(throttle.begin("10.0.1." + i).isEmpty(), "address " + i);
        }
        assertEquals(Duration.ofSeconds(1), throttle.begin("10.0.2.1").orElseThrow(), "a new address waits too");
        for (int i = 0; i < 40; i++) {
            clock.advance(Duration.ofMinutes(2));
            throttle.begin("10.0.3." + i);
        }
        assertEquals(
                LoginThrottle.PER_ACCOUNT.maxLock(),
                throttle.begin("10.0.4.1").orElseThrow(),
                "the account lock-out stays at a minute however long the guessing goes on");
        clock.advance(LoginThrottle.PER_ACCOUNT.maxLock());
        assertTrue(throttle.begin("10.0.4.1").isEmpty(), "after it the real admin gets an attempt");
        throttle.succeeded("10.0.4.1");
        assertTrue(throttle.begin("10.0.5.1").isEmpty(), "a right password clears the account's count");
    }

    @Test
    void parallelWrongPasswordsFromOneAddressAreCheckedNoMoreThanTheFreeAttempts() throws Exception {
        AdminAuth auth = new AdminAuth("correct horse battery staple", Clock.systemUTC(), database);
        int attempts = 60;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<AdminAuth.Login>> results = new ArrayList<>();
        try {
            for (int i = 0; i < attempts; i++) {
                String guess = "guess" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    return auth.login("10.0.0.9", guess);
                }));
            }
            start.countDown();
            int checked = 0;
            for (Future<AdminAuth.Login> result : results) {
                AdminAuth.Login login = result.get();
                if (login instanceof AdminAuth.Login.Refused) {
                    checked++;
                } else {
                    assertInstanceOf(AdminAuth.Login.Throttled.class, login);
                }
            }
            assertEquals(LoginThrottle.PER_ADDRESS.freeFailures(), checked);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void passwordChecksFromAllAddressesTogetherAreRateLimited() {
        AtomicLong nanos = new AtomicLong();
        AdminAuth auth = new AdminAuth(
                "correct horse battery staple",
                clock,
                database,
                new RateLimiter(
                        AdminAuth.CHECKS_PER_MINUTE, Duration.ofMinutes(1), AdminAuth.CHECKS_BURST, 1, nanos::get));
        for (int i = 0; i < AdminAuth.CHECKS_BURST; i++) {
            assertInstanceOf(AdminAuth.Login.Refused.class, auth.login("10.0.6." + i, "guess"));
        }
        AdminAuth.Login busy = auth.login("10.0.7.1", "guess");
        assertInstanceOf(AdminAuth.Login.Busy.class, busy);
        assertEquals(Duration.ofSeconds(2), ((AdminAuth.Login.Busy) busy).retryAfter(), "one check every two seconds");
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertInstanceOf(AdminAuth.Login.Accepted.class, auth.login("10.0.7.1", "correct horse battery staple"));
    }

    @Test
    void theRightPasswordIsRefusedDuringALockOutAndAcceptedAfterIt() {
        AdminAuth auth = new AdminAuth("correct horse battery staple", clock, database);
        for (int i = 0; i < LoginThrottle.PER_ADDRESS.freeFailures(); i++) {
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

    @Test
    void aSessionMadeOnOneInstanceIsValidOnAnotherUntilALogoutOnEither() {
        AdminAuth first = new AdminAuth("correct horse battery staple", clock, database);
        AdminAuth second = new AdminAuth("correct horse battery staple", clock, database);
        String token = ((AdminAuth.Login.Accepted) first.login("10.0.8.1", "correct horse battery staple")).token();
        assertTrue(second.valid(token), "the other instance knows the session");
        assertTrue(!second.valid(token + "x") && !second.valid(""), "and no other");
        second.logout(token);
        assertTrue(!first.valid(token), "a logout on one ends it on both");
    }

    @Test
    void wrongPasswordsOnTwoInstancesCountTogether() {
        AdminAuth first = new AdminAuth("correct horse battery staple", clock, database);
        AdminAuth second = new AdminAuth("correct horse battery staple", clock, database);
        for (int i = 0; i < LoginThrottle.PER_ADDRESS.freeFailures(); i++) {
            assertInstanceOf(
                    AdminAuth.Login.Refused.class, (i % 2 == 0 ? first : second).login("10.0.9.1", "guess" + i));
        }
        assertInstanceOf(AdminAuth.Login.Throttled.class, first.login("10.0.9.1", "correct horse battery staple"));
        assertInstanceOf(AdminAuth.Login.Throttled.class, second.login("10.0.9.1", "correct horse battery staple"));
    }

    @Test
    void anAddressIsForgottenADayAfterItsLastAttempt() throws Exception {
        LoginThrottle throttle = new LoginThrottle(database, clock);
        for (int i = 0; i < LoginThrottle.PER_ADDRESS.freeFailures(); i++) {
            throttle.begin("10.0.10.1");
        }
        clock.advance(Duration.ofDays(1).plusMinutes(20));
        throttle.begin("10.0.10.2");
        try (java.sql.Connection c = database.connection();
                java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT client FROM login_failure ORDER BY client")) {
            List<String> clients = new ArrayList<>();
            while (rs.next()) {
                clients.add(rs.getString(1));
            }
            assertEquals(List.of("*", "10.0.10.2"), clients);
        }
    }
}
