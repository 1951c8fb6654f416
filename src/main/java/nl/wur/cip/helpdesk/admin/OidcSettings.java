package nl.wur.cip.helpdesk.admin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Admin sign-in through an OpenID Connect provider (SURFconext, Microsoft Entra ID, any other), from the
 * {@code HELPDESK_OIDC_*} settings; absent when no discovery URL is set. Who may sign in, and as what, is listed by
 * account (e-mail address or subject id) and/or by the values of a group claim; a handler listing wins over a viewer
 * listing. Self-contained, so it can move with the settings as a whole.
 *
 * @param discovery   the provider's {@code .well-known/openid-configuration} URL
 * @param redirect    this helpdesk's callback, {@code https://…/admin/api/oidc/callback}, as registered at the provider
 * @param groupsClaim the ID token claim that holds the groups ({@code groups} at Entra, {@code eduperson_entitlement}
 *                    at SURFconext)
 */
public record OidcSettings(
        URI discovery,
        String clientId,
        String clientSecret,
        URI redirect,
        Set<String> handlers,
        Set<String> viewers,
        String groupsClaim,
        Set<String> handlerGroups,
        Set<String> viewerGroups) {
    public static final String CALLBACK_PATH = "/admin/api/oidc/callback";

    public OidcSettings {
        handlers = Set.copyOf(lower(handlers));
        viewers = Set.copyOf(lower(viewers));
        handlerGroups = Set.copyOf(handlerGroups);
        viewerGroups = Set.copyOf(viewerGroups);
    }

    public static Optional<OidcSettings> from(Map<String, String> values) {
        String discovery = value(values, "HELPDESK_OIDC_DISCOVERY_URL");
        if (discovery.isEmpty()) {
            for (String other :
                    new String[] {"HELPDESK_OIDC_CLIENT_ID", "HELPDESK_OIDC_CLIENT_SECRET", "HELPDESK_OIDC_REDIRECT_URL"
                    }) {
                if (!value(values, other).isEmpty()) {
                    throw new IllegalArgumentException(
                            other + " is set but HELPDESK_OIDC_DISCOVERY_URL is not (the provider's"
                                    + " .well-known/openid-configuration URL)");
                }
            }
            return Optional.empty();
        }
        URI redirect = url(
                values,
                "HELPDESK_OIDC_REDIRECT_URL",
                required(
                        values,
                        "HELPDESK_OIDC_REDIRECT_URL",
                        "this helpdesk's https://…" + CALLBACK_PATH + ", as registered at the provider"));
        if (!redirect.getRawPath().endsWith(CALLBACK_PATH)) {
            throw new IllegalArgumentException(
                    "HELPDESK_OIDC_REDIRECT_URL must end in " + CALLBACK_PATH + ", not '" + redirect + "'");
        }
        OidcSettings settings = new OidcSettings(
                url(values, "HELPDESK_OIDC_DISCOVERY_URL", discovery),
                required(values, "HELPDESK_OIDC_CLIENT_ID", "the client id the provider gave this helpdesk"),
                required(values, "HELPDESK_OIDC_CLIENT_SECRET", "the client secret the provider gave this helpdesk"),
                redirect,
                list(values, "HELPDESK_OIDC_HANDLERS"),
                list(values, "HELPDESK_OIDC_VIEWERS"),
                values.getOrDefault("HELPDESK_OIDC_GROUPS_CLAIM", "groups").strip(),
                list(values, "HELPDESK_OIDC_HANDLER_GROUPS"),
                list(values, "HELPDESK_OIDC_VIEWER_GROUPS"));
        if (settings.handlers().isEmpty()
                && settings.viewers().isEmpty()
                && settings.handlerGroups().isEmpty()
                && settings.viewerGroups().isEmpty()) {
            throw new IllegalArgumentException(
                    "with HELPDESK_OIDC_DISCOVERY_URL set, list who may sign in: HELPDESK_OIDC_HANDLERS,"
                            + " HELPDESK_OIDC_VIEWERS, HELPDESK_OIDC_HANDLER_GROUPS or HELPDESK_OIDC_VIEWER_GROUPS");
        }
        if (settings.groupsClaim().isEmpty()) {
            throw new IllegalArgumentException("HELPDESK_OIDC_GROUPS_CLAIM must name a claim, e.g. groups");
        }
        return Optional.of(settings);
    }

    /**
     * The role of someone with these account ids (subject, e-mail address, user name) and groups: handler if listed as
     * one, else viewer if listed as one, else none (not allowed in).
     */
    public Optional<Role> roleOf(Collection<String> accounts, Collection<String> groups) {
        Set<String> ids = lower(accounts);
        if (ids.stream().anyMatch(handlers::contains) || groups.stream().anyMatch(handlerGroups::contains)) {
            return Optional.of(Role.HANDLER);
        }
        if (ids.stream().anyMatch(viewers::contains) || groups.stream().anyMatch(viewerGroups::contains)) {
            return Optional.of(Role.VIEWER);
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        // The client secret stays out of logs.
        return "OidcSettings[" + discovery + ", client=" + clientId + ", redirect=" + redirect + ", handlers="
                + handlers.size()
                + ", viewers=" + viewers.size() + ", groupsClaim=" + groupsClaim + ", handlerGroups="
                + handlerGroups.size()
                + ", viewerGroups=" + viewerGroups.size() + "]";
    }

    private static String value(Map<String, String> values, String name) {
        return values.getOrDefault(name, "").strip();
    }

    private static String required(Map<String, String> values, String name, String what) {
        String value = value(values, name);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + " is required with HELPDESK_OIDC_DISCOVERY_URL (" + what + ")");
        }
        return value;
    }

    /** An absolute https URL; plain http only to this machine, for a provider started next to the helpdesk (tests). */
    private static URI url(Map<String, String> values, String name, String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean local = "localhost".equalsIgnoreCase(uri.getHost()) || "127.0.0.1".equals(uri.getHost());
            if (uri.getHost() != null
                    && uri.getRawQuery() == null
                    && uri.getRawFragment() == null
                    && (scheme.equals("https") || (scheme.equals("http") && local))) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                name + " must be an https:// URL (http:// only to localhost), not '" + text + "'");
    }

    private static Set<String> list(Map<String, String> values, String name) {
        return Arrays.stream(value(values, name).split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Accounts compare without case: e-mail addresses are written either way. */
    private static Set<String> lower(Collection<String> values) {
        return values.stream().map(v -> v.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }
}
