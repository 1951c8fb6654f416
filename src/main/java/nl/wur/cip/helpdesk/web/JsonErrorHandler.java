package nl.wur.cip.helpdesk.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's answer to a request it refuses before Javalin sees it (headers over 8 KB, a URI too long): the same JSON
 * {@code error} every endpoint gives, never Jetty's HTML page with the request echoed back.
 */
final class JsonErrorHandler extends ErrorHandler {
    private final ObjectMapper mapper;

    JsonErrorHandler(ObjectMapper mapper) {
        this.mapper = mapper;
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback)
            throws java.io.IOException {
        // Jetty's message may carry parts of the request or of an exception; the status's own words are enough.
        String reason = HttpStatus.getMessage(code).toLowerCase(Locale.ROOT);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
        response.write(
                true,
                ByteBuffer.wrap(mapper.writeValueAsBytes(Map.of("error", "the request was refused: " + reason))),
                callback);
    }
}
