package nl.wur.cip.helpdesk.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import nl.wur.cip.helpdesk.guard.WorkGate;
import nl.wur.cip.helpdesk.knowledge.Bilingual;
import nl.wur.cip.helpdesk.ops.RequestIds;
import nl.wur.cip.helpdesk.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every way a request can fail, turned into its status and a JSON error: a refusal ({@link ApiException}), a full
 * gate, Javalin's own 404/405, a storage failure (503, nothing stored), a request that cannot be read (400), and
 * anything else (500, logged with its stack trace, never shown).
 */
final class ErrorMapping {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

    private final JsonResponses responses;

    ErrorMapping(JsonResponses responses) {
        this.responses = responses;
    }

    void addTo(RoutesConfig routes) {
        routes.exception(ApiException.class, this::refuse);
        routes.exception(WorkGate.Overloaded.class, (e, ctx) -> {
            ctx.header("Retry-After", "1");
            responses.error(ctx, 503, new Bilingual(e.getMessage(), "de helpdesk is druk; probeer het zo opnieuw"));
        });
        // Javalin's own refusals (an unknown API path, a wrong method) in our words and the request's language.
        routes.exception(
                HttpResponseException.class,
                (e, ctx) -> responses.error(
                        ctx,
                        e.getStatus(),
                        switch (e.getStatus()) {
                            case 404 -> noSuchEndpoint(ctx);
                            case 405 -> methodNotAllowed(ctx);
                            default -> new Bilingual(e.getMessage(), e.getMessage());
                        }));
        routes.exception(Exception.class, this::fail);
        routes.error(404, ctx -> {
            boolean answered = ctx.result() != null && !ctx.result().isEmpty();
            if (!answered && (ctx.path().startsWith("/api/") || ctx.path().startsWith("/admin/api/"))) {
                responses.error(ctx, 404, noSuchEndpoint(ctx));
            }
        });
        routes.error(405, ctx -> responses.error(ctx, 405, methodNotAllowed(ctx)));
    }

    private void fail(Exception e, Context ctx) {
        if (e instanceof CompletionException && e.getCause() instanceof ApiException refusal) {
            refuse(refusal, ctx); // from an endpoint answering later (ctx.future)
            return;
        }
        Optional<StorageException> storage = cause(e, StorageException.class);
        if (storage.isPresent()) {
            LOG.error(
                    "storage failed on {} {}: {}",
                    ctx.method(),
                    RequestIds.loggable(ctx.path()),
                    storage.get().getMessage());
            ctx.header("Retry-After", "60");
            responses.error(
                    ctx,
                    503,
                    new Bilingual(
                            "the helpdesk cannot save anything at the moment; nothing was stored, please try again later",
                            "de helpdesk kan op dit moment niets opslaan; er is niets bewaard, probeer het later opnieuw"));
            return;
        }
        if (unreadableRequest(e)) {
            responses.error(
                    ctx, 400, new Bilingual("the request could not be read", "het verzoek kon niet worden gelezen"));
            return;
        }
        LOG.error("unexpected error on {} {}", ctx.method(), RequestIds.loggable(ctx.path()), e);
        responses.error(ctx, 500, ApiException.SERVER_FAULT);
    }

    private void refuse(ApiException e, Context ctx) {
        if (e.status() == 503) {
            ctx.header("Retry-After", Integer.toString(e.retryAfterSeconds()));
        }
        responses.error(ctx, e.status(), e.message());
    }

    private static Bilingual noSuchEndpoint(Context ctx) {
        String request = ctx.method() + " " + ctx.path();
        return new Bilingual("no such endpoint: " + request, "dit adres bestaat niet: " + request);
    }

    private static Bilingual methodNotAllowed(Context ctx) {
        return new Bilingual(
                ctx.method() + " is not allowed on " + ctx.path(),
                ctx.method() + " is niet toegestaan op " + ctx.path());
    }

    /** A client's broken request (bad framing, a body cut short) surfaces as Jetty's or an I/O exception: a 400, not a 500. */
    private static boolean unreadableRequest(Throwable e) {
        return cause(e, org.eclipse.jetty.http.HttpException.class).isPresent()
                || cause(e, java.io.IOException.class).isPresent();
    }

    private static <T> Optional<T> cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}
