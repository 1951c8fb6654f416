package nl.wur.cip.helpdesk;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.wur.cip.helpdesk.config.HelpdeskConfig;
import nl.wur.cip.helpdesk.guard.GuardSettings;
import nl.wur.cip.helpdesk.storage.Database;
import nl.wur.cip.helpdesk.web.HelpdeskServer;

/** The real helpdesk over the shipped knowledge, built once per test run because loading the model takes seconds. */
public final class TestHelpdesk {
    private static Main.Assembly shared;

    public static synchronized Main.Assembly shared() {
        if (shared == null) {
            shared = Main.assemble(config(Path.of("target", "test-helpdesk")));
        }
        return shared;
    }

    /** The server's stores in one database, with no mail server and no admin password. */
    public static HelpdeskServer.Services services(Database database) {
        return HelpdeskServer.Services.withoutMail(database, Optional.empty(), Clock.systemUTC());
    }

    /** As {@link #services(Database)}, with the given limits and metrics token. */
    public static HelpdeskServer.Services services(Database database, GuardSettings guards, Optional<String> metricsToken) {
        HelpdeskServer.Services plain = services(database);
        return new HelpdeskServer.Services(plain.feedback(), plain.unanswered(), plain.escalations(), plain.admin(), guards,
                metricsToken);
    }

    public static HelpdeskConfig config(Path dataDir) {
        return HelpdeskConfig.from(Map.of(), List.of("--data-dir=" + dataDir, "--knowledge-dir=knowledge", "--web-dir=web"));
    }

    private TestHelpdesk() {
    }
}
