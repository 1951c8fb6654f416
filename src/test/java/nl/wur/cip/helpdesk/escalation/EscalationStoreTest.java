package nl.wur.cip.helpdesk.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.wur.cip.helpdesk.knowledge.Language;
import nl.wur.cip.helpdesk.storage.Database;
import nl.wur.cip.helpdesk.storage.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The outbox shared by two instances: each mail is claimed by one worker, and a dead worker's claim runs out. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabases.Kind.class)
@ExtendWith(TestDatabases.class)
@Timeout(120)
class EscalationStoreTest {
    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(1);

    @Parameter
    TestDatabases.Kind kind;

    private Database first;
    private Database second;

    @BeforeEach
    void open(TestDatabases databases) {
        String url = databases.newUrl(kind);
        first = Database.open(url, TestDatabases.user(kind), "");
        second = Database.open(url, TestDatabases.user(kind), "");
    }

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    private static void submit(EscalationStore store, int n) {
        store.submit(
                "key-claims-" + n,
                new EscalationRequest(
                        "r" + n + "@example.org",
                        Optional.empty(),
                        "Question " + n,
                        List.of(),
                        Optional.empty(),
                        false,
                        Language.EN,
                        "chat"),
                Optional.empty(),
                NOW,
                "cip.test");
    }

    @Test
    void eightWorkersOnTwoInstancesClaimEveryMailExactlyOnce() throws Exception {
        EscalationStore one = new EscalationStore(first);
        EscalationStore two = new EscalationStore(second);
        int escalations = 100;
        for (int i = 0; i < escalations; i++) {
            submit(i % 2 == 0 ? one : two, i);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Long>>> workers = new ArrayList<>();
        try {
            for (int w = 0; w < 8; w++) {
                EscalationStore store = w % 2 == 0 ? one : two;
                Callable<List<Long>> worker = () -> {
                    start.await();
                    List<Long> claimed = new ArrayList<>();
                    for (Optional<EscalationStore.Claim> c = store.claimNext(NOW, LEASE);
                            c.isPresent();
                            c = store.claimNext(NOW, LEASE)) {
                        claimed.add(c.get().deliveryId());
                    }
                    return claimed;
                };
                workers.add(pool.submit(worker));
            }
            start.countDown();
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> worker : workers) {
                all.addAll(worker.get());
            }
            assertEquals(escalations * MailKind.values().length, all.size(), "every mail claimed");
            assertEquals(all.size(), new HashSet<>(all).size(), "none claimed twice");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aMailClaimedByAnInstanceThatDiedIsClaimedByTheOtherWhenTheLeaseEnds() {
        EscalationStore one = new EscalationStore(first);
        EscalationStore two = new EscalationStore(second);
        submit(one, 1);
        long office = one.claimNext(NOW, LEASE).orElseThrow().deliveryId();
        long confirmation = two.claimNext(NOW, LEASE).orElseThrow().deliveryId();
        assertTrue(office != confirmation);
        first.close(); // the first instance is gone without a word
        assertTrue(two.claimNext(NOW.plus(LEASE).minusSeconds(1), LEASE).isEmpty(), "still leased");
        EscalationStore.Claim again =
                two.claimNext(NOW.plus(LEASE).plusSeconds(1), LEASE).orElseThrow();
        assertEquals(office, again.deliveryId(), "the dead instance's mail");
    }
}
