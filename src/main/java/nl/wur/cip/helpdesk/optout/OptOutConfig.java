package nl.wur.cip.helpdesk.optout;

import java.time.Duration;

/**
 * Limits for one opt-out check, from the {@code HELPDESK_OPTOUT_*} settings (read by the root HelpdeskConfig).
 *
 * @param connectTimeout        the most a TCP/TLS connection may take
 * @param totalTimeout          the most the whole check may take, all requests together
 * @param maxBodyBytes          the most read of any response body; the rest is never downloaded
 * @param maxRedirects          redirects followed per request, each one checked again
 * @param allowPrivateAddresses allow loopback, private and link-local addresses (tests and local setups only)
 * @param userAgent             the User-Agent the checker announces itself with
 * @param concurrentChecks      checks that may run at once; one more is refused at once, not queued
 */
public record OptOutConfig(
        Duration connectTimeout,
        Duration totalTimeout,
        int maxBodyBytes,
        int maxRedirects,
        boolean allowPrivateAddresses,
        String userAgent,
        int concurrentChecks) {
    public OptOutConfig {
        if (connectTimeout.isNegative()
                || connectTimeout.isZero()
                || totalTimeout.isNegative()
                || totalTimeout.isZero()) {
            throw new IllegalArgumentException("opt-out check timeouts must be positive");
        }
        if (maxBodyBytes < 1024 || maxRedirects < 0 || concurrentChecks < 1) {
            throw new IllegalArgumentException("opt-out check limits are too small");
        }
    }

    public OptOutConfig withAllowPrivateAddresses(boolean allow) {
        return new OptOutConfig(
                connectTimeout, totalTimeout, maxBodyBytes, maxRedirects, allow, userAgent, concurrentChecks);
    }

    public OptOutConfig withTimeouts(Duration connect, Duration total) {
        return new OptOutConfig(
                connect, total, maxBodyBytes, maxRedirects, allowPrivateAddresses, userAgent, concurrentChecks);
    }

    public OptOutConfig withConcurrentChecks(int checks) {
        return new OptOutConfig(
                connectTimeout, totalTimeout, maxBodyBytes, maxRedirects, allowPrivateAddresses, userAgent, checks);
    }
}
