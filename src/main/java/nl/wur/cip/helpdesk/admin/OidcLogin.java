package nl.wur.cip.helpdesk.admin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCScopeValue;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admin sign-in through an OpenID Connect provider: the authorization-code flow with PKCE, state and nonce. The ID
 * token is checked by Nimbus's {@link IDTokenValidator}: its signature against the provider's published keys (JWKS,
 * from discovery), the issuer, the audience (our client id), the expiry and the nonce of this sign-in. The provider's
 * metadata is read at the first sign-in, not at start, so a provider that is down does not stop the helpdesk.
 */
public final class OidcLogin {
    private static final Logger LOG = LoggerFactory.getLogger(OidcLogin.class);
    private static final String WELL_KNOWN = "/.well-known/openid-configuration";
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int READ_TIMEOUT_MS = 10_000;
    private static final int MAX_DOCUMENT_BYTES = 512 * 1024;

    /** Why a sign-in failed, as a code the page shows in words (each in English and Dutch). */
    public enum Failure {
        /** No sign-in under way in this browser (cookie missing, expired or used). */
        NO_LOGIN,
        /** The callback's state is not this sign-in's. */
        STATE,
        /** The provider did not sign the person in (they cancelled, or it refused). */
        DENIED,
        /** The provider could not be reached, or refused the code. */
        PROVIDER,
        EXPIRED,
        AUDIENCE,
        SIGNATURE,
        NONCE,
        ISSUER,
        /** The ID token is not valid for another reason. */
        TOKEN,
        /** A valid sign-in, by someone not listed as handler or viewer. */
        NOT_ALLOWED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where to send the browser, and the id of this sign-in for its cookie. */
    public record Redirect(URI location, String loginId) {}

    /** How a callback ended: a session for this person, or why not. */
    public sealed interface Result {
        record SignedIn(AdminIdentity who, String sessionToken) implements Result {}

        record Failed(Failure failure) implements Result {}
    }

    /** The provider cannot be reached or its metadata is wrong; the page says so. */
    public static final class ProviderException extends Exception {
        ProviderException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private record Provider(OIDCProviderMetadata metadata, IDTokenValidator validator) {}

    private final OidcSettings settings;
    private final PendingLogins pending;
    private final AdminSessions sessions;
    private final AtomicReference<Provider> provider = new AtomicReference<>();

    OidcLogin(OidcSettings settings, PendingLogins pending, AdminSessions sessions) {
        this.settings = settings;
        this.pending = pending;
        this.sessions = sessions;
    }

    /** Starts a sign-in: the provider's authorization URL to send the browser to. */
    public Redirect start() throws ProviderException {
        Provider p = provider();
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        String id = pending.start(new PendingLogins.Pending(state.getValue(), nonce.getValue(), verifier.getValue()));
        URI location = new AuthenticationRequest.Builder(
                        new ResponseType(ResponseType.Value.CODE),
                        new Scope(OIDCScopeValue.OPENID, OIDCScopeValue.EMAIL, OIDCScopeValue.PROFILE),
                        new ClientID(settings.clientId()),
                        settings.redirect())
                .endpointURI(p.metadata().getAuthorizationEndpointURI())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build()
                .toURI();
        return new Redirect(location, id);
    }

    /**
     * The provider sent the browser back: checks that this browser started this sign-in (cookie and state), trades the
     * code for the ID token, validates it and decides the role.
     */
    public Result finish(String loginId, Map<String, String> params) {
        Optional<PendingLogins.Pending> started =
                loginId == null || loginId.isEmpty() ? Optional.empty() : pending.take(loginId);
        if (started.isEmpty()) {
            return failed(Failure.NO_LOGIN, "no sign-in under way for this browser");
        }
        String state = params.getOrDefault("state", "");
        if (!MessageDigest.isEqual(
                state.getBytes(StandardCharsets.UTF_8), started.get().state().getBytes(StandardCharsets.UTF_8))) {
            return failed(Failure.STATE, "the callback's state is not this sign-in's");
        }
        if (params.containsKey("error")) {
            return failed(Failure.DENIED, "the provider answered " + params.get("error"));
        }
        String code = params.getOrDefault("code", "");
        if (code.isEmpty()) {
            return failed(Failure.DENIED, "the callback has no code");
        }
        Provider p;
        JWT idToken;
        try {
            p = provider();
            idToken = exchange(p.metadata(), code, started.get().codeVerifier());
        } catch (ProviderException e) {
            return failed(Failure.PROVIDER, e.getMessage());
        }
        IDTokenClaimsSet claims;
        try {
            claims = p.validator().validate(idToken, new Nonce(started.get().nonce()));
        } catch (BadJOSEException | JOSEException e) {
            return failed(classify(e), "ID token refused: " + e.getMessage());
        }
        return signIn(claims);
    }

    private Result signIn(IDTokenClaimsSet claims) {
        String subject = claims.getSubject().getValue();
        // An address the provider itself says is unverified cannot stand for anyone.
        boolean verified = !Boolean.FALSE.equals(claims.getBooleanClaim("email_verified"));
        Optional<String> email =
                Optional.ofNullable(claims.getStringClaim("email")).filter(e -> verified);
        Optional<String> userName = Optional.ofNullable(claims.getStringClaim("preferred_username"));
        List<String> accounts = new ArrayList<>(List.of(subject));
        email.ifPresent(accounts::add);
        userName.ifPresent(accounts::add);
        Optional.ofNullable(claims.getStringClaim("upn")).ifPresent(accounts::add);
        Optional<Role> role = settings.roleOf(accounts, groups(claims.getClaim(settings.groupsClaim())));
        String account = email.or(() -> userName).orElse(subject);
        if (role.isEmpty()) {
            return failed(Failure.NOT_ALLOWED, account + " is not listed as handler or viewer");
        }
        String name = Optional.ofNullable(claims.getStringClaim("name"))
                .filter(n -> !n.isBlank())
                .orElse(account);
        AdminIdentity who = new AdminIdentity(name, account, role.get());
        LOG.info(
                "admin sign-in through OpenID Connect: {} as {}",
                who.account(),
                who.role().code());
        return new Result.SignedIn(who, sessions.create(who));
    }

    /** A group claim is a list of strings (Entra, SURFconext) or one string. */
    private static Collection<String> groups(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream()
                    .filter(String.class::isInstance)
                    .map(String.class::cast)
                    .toList();
        }
        return claim instanceof String value ? List.of(value) : List.of();
    }

    private JWT exchange(OIDCProviderMetadata metadata, String code, String verifier) throws ProviderException {
        ClientID client = new ClientID(settings.clientId());
        Secret secret = new Secret(settings.clientSecret());
        List<ClientAuthenticationMethod> methods = metadata.getTokenEndpointAuthMethods();
        // Basic is the default the standard gives; post only where the provider lists post and not basic.
        ClientAuthentication authentication = methods != null
                        && !methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                        && methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                ? new ClientSecretPost(client, secret)
                : new ClientSecretBasic(client, secret);
        TokenRequest request = new TokenRequest.Builder(
                        metadata.getTokenEndpointURI(),
                        authentication,
                        new AuthorizationCodeGrant(
                                new AuthorizationCode(code), settings.redirect(), new CodeVerifier(verifier)))
                .build();
        try {
            HTTPRequest http = request.toHTTPRequest();
            http.setConnectTimeout(CONNECT_TIMEOUT_MS);
            http.setReadTimeout(READ_TIMEOUT_MS);
            TokenResponse response = OIDCTokenResponseParser.parse(http.send());
            if (!response.indicatesSuccess()) {
                throw new ProviderException(
                        "the token endpoint refused the code: "
                                + response.toErrorResponse().getErrorObject().getCode(),
                        null);
            }
            JWT idToken = ((OIDCTokenResponse) response.toSuccessResponse())
                    .getOIDCTokens()
                    .getIDToken();
            if (idToken == null) {
                throw new ProviderException("the token endpoint sent no ID token", null);
            }
            return idToken;
        } catch (IOException | ParseException | ClassCastException e) {
            throw new ProviderException(
                    "the token endpoint did not answer as OpenID Connect says: " + e.getMessage(), e);
        }
    }

    /** The provider's metadata and a validator over its keys, read once and kept (the JWKS is re-read as it rotates). */
    private Provider provider() throws ProviderException {
        Provider known = provider.get();
        if (known != null) {
            return known;
        }
        try {
            HTTPRequest get = new HTTPRequest(HTTPRequest.Method.GET, settings.discovery());
            get.setConnectTimeout(CONNECT_TIMEOUT_MS);
            get.setReadTimeout(READ_TIMEOUT_MS);
            HTTPResponse response = get.send();
            if (response.getStatusCode() != 200) {
                throw new ProviderException("discovery answered " + response.getStatusCode(), null);
            }
            OIDCProviderMetadata metadata = OIDCProviderMetadata.parse(response.getBodyAsJSONObject());
            // OpenID Connect Discovery 4.3: the issuer is the discovery URL without its well-known suffix.
            String issuer = metadata.getIssuer().getValue();
            if (!settings.discovery().toString().equals(issuer.replaceAll("/+$", "") + WELL_KNOWN)) {
                throw new ProviderException(
                        "the discovery document's issuer " + issuer + " does not match " + settings.discovery(), null);
            }
            IDTokenValidator validator = new IDTokenValidator(
                    metadata.getIssuer(),
                    new ClientID(settings.clientId()),
                    algorithm(metadata),
                    metadata.getJWKSetURI().toURL(),
                    new DefaultResourceRetriever(CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, MAX_DOCUMENT_BYTES));
            Provider fresh = new Provider(metadata, validator);
            provider.compareAndSet(null, fresh);
            return provider.get();
        } catch (IOException | ParseException | RuntimeException e) {
            throw new ProviderException(
                    "cannot read the provider's metadata from " + settings.discovery() + ": " + e.getMessage(), e);
        }
    }

    /** RS256, which every provider must support; another asymmetric one only if the provider signs with nothing else. */
    private static JWSAlgorithm algorithm(OIDCProviderMetadata metadata) {
        List<JWSAlgorithm> listed = metadata.getIDTokenJWSAlgs();
        if (listed == null || listed.isEmpty() || listed.contains(JWSAlgorithm.RS256)) {
            return JWSAlgorithm.RS256;
        }
        return listed.stream()
                .filter(a -> JWSAlgorithm.Family.RSA.contains(a)
                        || JWSAlgorithm.Family.EC.contains(a)
                        || JWSAlgorithm.Family.ED.contains(a))
                .findFirst()
                .orElse(JWSAlgorithm.RS256);
    }

    /** Nimbus says what was wrong in its exception; the page says it in the office's words. */
    static Failure classify(Exception e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (e instanceof BadJWSException || message.contains("signed jwt rejected") || message.contains("unsigned")) {
            return Failure.SIGNATURE;
        }
        if (message.contains("expired")) {
            return Failure.EXPIRED;
        }
        if (message.contains("audience")) {
            return Failure.AUDIENCE;
        }
        if (message.contains("nonce")) {
            return Failure.NONCE;
        }
        if (message.contains("issuer")) {
            return Failure.ISSUER;
        }
        return Failure.TOKEN;
    }

    private static Result failed(Failure failure, String why) {
        // No token and no claim values beyond the account: line breaks cannot reach the log from a provider either.
        LOG.warn(
                "admin sign-in through OpenID Connect failed ({}): {}",
                failure.code(),
                why.replaceAll("[\\r\\n]", " "));
        return new Result.Failed(failure);
    }
}
