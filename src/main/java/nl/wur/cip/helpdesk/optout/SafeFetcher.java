package nl.wur.cip.helpdesk.optout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * GET requests with every limit the checker needs: redirects followed by hand and each hop checked against the
 * {@link AddressPolicy}, a deadline for the whole exchange including the body, and a cap on the body that stops
 * reading (and cancels the download) as soon as it is reached.
 */
final class SafeFetcher {
    /** What a fetch gave: the final URI, status, headers and (possibly truncated) body; or why it failed. */
    record Fetched(URI uri, int status, HttpHeaders headers, byte[] body, boolean truncated, String failure) {
        boolean ok() {
            return failure == null;
        }

        static Fetched failed(URI uri, String why) {
            return new Fetched(uri, 0, HttpHeaders.of(java.util.Map.of(), (a, b) -> true), new byte[0], false, why);
        }
    }

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final HttpClient client;
    private final OptOutConfig config;
    private final AddressPolicy policy;

    SafeFetcher(OptOutConfig config, AddressPolicy policy) {
        this.config = config;
        this.policy = policy;
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .proxy(HttpClient.Builder.NO_PROXY)
                .build();
    }

    /**
     * Fetches the URI, following at most the configured number of redirects, before the deadline (System.nanoTime).
     * The first URI must already have passed the policy; redirect targets are checked here.
     */
    Fetched get(URI start, long deadline) {
        URI uri = start;
        for (int hop = 0; ; hop++) {
            if (hop > 0) {
                try {
                    policy.check(uri);
                } catch (UrlRefusedException e) {
                    return Fetched.failed(uri, "redirect to " + uri.getHost() + " refused: not a public address");
                } catch (UnknownHostException e) {
                    return Fetched.failed(uri, "redirect to " + uri.getHost() + ": host not found");
                }
            }
            Fetched fetched = once(uri, deadline);
            if (!fetched.ok() || !REDIRECTS.contains(fetched.status())) {
                return fetched;
            }
            if (hop >= config.maxRedirects()) {
                return Fetched.failed(uri, "more than " + config.maxRedirects() + " redirects");
            }
            String location = fetched.headers().firstValue("location").orElse(null);
            if (location == null || location.isBlank()) {
                return Fetched.failed(uri, "redirect (HTTP " + fetched.status() + ") without a location");
            }
            try {
                uri = AddressPolicy.checkForm(uri.resolve(location.strip()));
            } catch (IllegalArgumentException e) {
                return Fetched.failed(
                        uri, "redirect to an address that cannot be checked: " + Signal.clean(e.getMessage()));
            }
        }
    }

    private Fetched once(URI uri, long deadline) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            return Fetched.failed(uri, "timed out");
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(uri)
                    .GET()
                    .timeout(Duration.ofNanos(remaining))
                    .header("User-Agent", config.userAgent())
                    .header("Accept", "text/html,application/xhtml+xml,application/json,text/plain;q=0.9,*/*;q=0.5")
                    .build();
        } catch (IllegalArgumentException e) {
            return Fetched.failed(uri, "the address cannot be requested");
        }
        CompletableFuture<HttpResponse<Capped>> future =
                client.sendAsync(request, info -> new CappedSubscriber(config.maxBodyBytes()));
        try {
            HttpResponse<Capped> response = future.get(remaining, TimeUnit.NANOSECONDS);
            Capped body = response.body();
            return new Fetched(uri, response.statusCode(), response.headers(), body.bytes(), body.truncated(), null);
        } catch (TimeoutException e) {
            future.cancel(true);
            return Fetched.failed(uri, "timed out");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return Fetched.failed(uri, "interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String why = cause instanceof HttpTimeoutException
                    ? "timed out"
                    : cause instanceof ConnectException
                            ? "connection refused or failed"
                            : cause instanceof UnknownHostException
                                    ? "host not found"
                                    : cause instanceof IOException ? "network error" : "request failed";
            return Fetched.failed(uri, why);
        }
    }

    /** A body of at most {@code cap} bytes, and whether there was more. */
    record Capped(byte[] bytes, boolean truncated) {}

    /** Collects the body up to the cap, then cancels the subscription so the rest is never read. */
    private static final class CappedSubscriber implements HttpResponse.BodySubscriber<Capped> {
        private final int cap;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final CompletableFuture<Capped> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        CappedSubscriber(int cap) {
            this.cap = cap;
        }

        @Override
        public java.util.concurrent.CompletionStage<Capped> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                int take = Math.min(buffer.remaining(), cap - out.size());
                byte[] chunk = new byte[take];
                buffer.get(chunk);
                out.write(chunk, 0, take);
                if (buffer.hasRemaining() || out.size() >= cap) {
                    result.complete(new Capped(out.toByteArray(), true));
                    subscription.cancel();
                    return;
                }
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(new Capped(out.toByteArray(), false));
        }
    }
}
