package nl.wur.cip.helpdesk.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Caps the requests with a body that one client address has in progress: over the cap, {@code 429} at once. A body
 * is read on one of the server's few threads while it arrives, so without a cap a client sending bodies a byte at a
 * time over many connections held every thread and the health check timed out; with it, one address holds at most
 * this many, whatever its speed. Jetty runs this before Javalin, so even routes without a rate limit are covered.
 */
final class InFlightPerAddress extends Handler.Wrapper {
    private static final byte[] REFUSED =
            "{\"error\":\"too many requests in progress from your address; try again in a moment\"}"
                    .getBytes(StandardCharsets.UTF_8);

    private final int cap;
    private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();

    /** @param cap requests with a body per address at a time; 0 turns the cap off */
    InFlightPerAddress(int cap) {
        this.cap = cap;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (cap == 0 || !(HttpMethod.POST.is(request.getMethod()) || HttpMethod.PUT.is(request.getMethod()))) {
            return super.handle(request, response, callback);
        }
        String address = Request.getRemoteAddr(request);
        if (inFlight.merge(address, 1, Integer::sum) > cap) {
            release(address);
            response.setStatus(429);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            response.write(true, ByteBuffer.wrap(REFUSED), callback);
            return true;
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable releaseOnce = () -> {
            if (released.compareAndSet(false, true)) {
                release(address);
            }
        };
        Callback whenDone = new Callback() {
            @Override
            public void succeeded() {
                releaseOnce.run();
                callback.succeeded();
            }

            @Override
            public void failed(Throwable failure) {
                releaseOnce.run();
                callback.failed(failure);
            }

            @Override
            public InvocationType getInvocationType() {
                return callback.getInvocationType();
            }
        };
        try {
            if (super.handle(request, response, whenDone)) {
                return true;
            }
        } catch (Exception | Error e) {
            releaseOnce.run();
            throw e;
        }
        releaseOnce.run();
        return false;
    }

    /** How many addresses have a request in progress (for the test: finished requests leave nothing behind). */
    int addresses() {
        return inFlight.size();
    }

    private void release(String address) {
        inFlight.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
    }
}
