package nl.wur.cip.helpdesk.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import nl.wur.cip.helpdesk.knowledge.Bilingual;
import nl.wur.cip.helpdesk.knowledge.Language;
import nl.wur.cip.helpdesk.optout.AddressPolicy;
import nl.wur.cip.helpdesk.optout.ChecksBusyException;
import nl.wur.cip.helpdesk.optout.OptOutChecker;
import nl.wur.cip.helpdesk.optout.OptOutReport;
import nl.wur.cip.helpdesk.optout.UrlRefusedException;

/**
 * {@code POST /api/optout-check}: checks a website's text and data mining reservations. Each client (by IP) may run
 * a few checks a minute ({@code HELPDESK_RATE_OPTOUT_PER_MINUTE}), because every check makes requests to someone else's
 * website. The check runs on the checker's own bounded pool; the request thread is free while it runs.
 */
final class OptOutEndpoint {
    private final JsonRequests requests;
    private final Supplier<Optional<OptOutChecker>> checker;
    private final ClientLimit limit;

    /** @param perMinute checks a client may start a minute, all at once if it likes (the burst is the rate); 0 off */
    OptOutEndpoint(JsonRequests requests, Supplier<Optional<OptOutChecker>> checker, int perMinute) {
        this.requests = requests;
        this.checker = checker;
        this.limit = ClientLimit.perMinute(perMinute, perMinute, new Bilingual("checks", "controles"));
    }

    /** Validates the request and starts the check; the report comes when the future completes. */
    CompletableFuture<OptOutReport> start(Context ctx) {
        OptOutChecker service = checker.get()
                .orElseThrow(() -> new ApiException(
                        503,
                        "the opt-out check is not available yet; try again shortly",
                        "de opt-outcontrole is nog niet beschikbaar; probeer het zo opnieuw"));
        limit.check(ctx);
        JsonNode body = requests.object(ctx);
        String url = JsonRequests.requiredString(body, "url", AddressPolicy.MAX_URL_CHARS + 100);
        Language language = JsonRequests.optionalLanguage(body).orElse(Language.EN);
        try {
            // The address's host is looked up on the checker's pool, so a private address may be refused there too.
            return service.checkAsync(url, language).exceptionally(e -> {
                if (e.getCause() instanceof UrlRefusedException refused) {
                    throw new ApiException(400, refused.reason());
                }
                throw e instanceof CompletionException c ? c : new CompletionException(e);
            });
        } catch (UrlRefusedException e) {
            throw new ApiException(400, e.reason());
        } catch (ChecksBusyException e) {
            throw new ApiException(
                    503,
                    e.getMessage(),
                    "de opt-outcontrole is bezig met " + e.running() + " andere controles; probeer het zo opnieuw");
        }
    }
}
