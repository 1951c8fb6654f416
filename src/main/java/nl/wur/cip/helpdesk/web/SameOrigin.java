package nl.wur.cip.helpdesk.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.util.Locale;

/**
 * Refuses state-changing requests that a browser sent from another site (cross-site request forgery): every
 * state-changing request must be JSON ({@code 415} otherwise), and is refused ({@code 403}) by
 * {@code Sec-Fetch-Site} where the browser sends it, otherwise by comparing {@code Origin} with {@code Host}.
 * Clients that are not browsers send neither header and pass.
 */
final class SameOrigin {
    private SameOrigin() {}

    static void check(Context ctx) {
        // Every state-changing endpoint is a POST; other methods go on to their route or a 405.
        if (ctx.method() != HandlerType.POST) {
            return;
        }
        // A cross-site HTML form can only send form or text types; insisting on JSON closes that route too.
        // The raw header: Jetty's parsed content type throws on a charset it cannot name.
        String type = ctx.header("Content-Type") == null
                ? ""
                : ctx.header("Content-Type").toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json")) {
            throw new ApiException(
                    415,
                    "send the request as JSON with Content-Type: application/json",
                    "stuur het verzoek als JSON met Content-Type: application/json");
        }
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            throw new ApiException(
                    403, "cross-site requests are not accepted", "verzoeken van andere sites worden niet aanvaard");
        }
        String origin = ctx.header("Origin");
        if (origin != null && !sameHost(origin, forwardedOr(ctx.header("X-Forwarded-Host"), ctx.header("Host")))) {
            throw new ApiException(
                    403, "cross-site requests are not accepted", "verzoeken van andere sites worden niet aanvaard");
        }
    }

    private static boolean sameHost(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = new URI(origin);
            if (uri.getHost() == null) {
                return false;
            }
            String authority = uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
            return authority.toLowerCase(Locale.ROOT).equals(host.strip().toLowerCase(Locale.ROOT))
                    || (uri.getPort() == -1
                            && host.strip()
                                    .toLowerCase(Locale.ROOT)
                                    .equals(uri.getHost().toLowerCase(Locale.ROOT)
                                            + (uri.getScheme().equals("https") ? ":443" : ":80")));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static String forwardedOr(String forwarded, String host) {
        return forwarded == null || forwarded.isBlank() ? host : forwarded.split(",")[0].strip();
    }
}
