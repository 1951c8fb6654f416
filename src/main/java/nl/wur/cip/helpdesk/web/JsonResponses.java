package nl.wur.cip.helpdesk.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.Map;
import nl.wur.cip.helpdesk.knowledge.Bilingual;

/** Writes the server's JSON answers and errors, errors in the request's language ({@link RequestLanguage}). */
final class JsonResponses {
    static final String JSON = "application/json; charset=utf-8";

    private final ObjectMapper mapper;

    JsonResponses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void send(Context ctx, int status, Object body) throws Exception {
        ctx.status(status).contentType(JSON).result(mapper.writeValueAsString(body));
    }

    void error(Context ctx, int status, Bilingual message) {
        String text = message.in(RequestLanguage.of(ctx));
        try {
            send(ctx, status, Map.of("error", text));
        } catch (Exception e) {
            ctx.status(status).contentType(JSON).result("{\"error\":\"request refused\"}");
        }
    }
}
