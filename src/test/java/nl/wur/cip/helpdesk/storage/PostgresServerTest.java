package nl.wur.cip.helpdesk.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** Missing PostgreSQL binaries skip the PostgreSQL tests on a developer's machine and fail them in CI. */
class PostgresServerTest {
    @Test
    void withoutTheBinariesATestIsSkippedWithTheReasonOutsideCi() {
        TestAbortedException skipped =
                assertThrows(TestAbortedException.class, () -> PostgresServer.required(Optional.empty(), Map.of()));
        assertTrue(skipped.getMessage().contains("apt-get install postgresql"), skipped.getMessage());
    }

    @Test
    void withoutTheBinariesATestFailsInCi() {
        AssertionFailedError failed = assertThrows(
                AssertionFailedError.class, () -> PostgresServer.required(Optional.empty(), Map.of("CI", "true")));
        assertTrue(failed.getMessage().contains("CI is set"), failed.getMessage());
    }

    @Test
    void withTheBinariesTheirFolderIsUsed() {
        assertEquals(
                Path.of("/opt/pg/bin"),
                PostgresServer.required(Optional.of(Path.of("/opt/pg/bin")), Map.of("CI", "true")));
    }
}
