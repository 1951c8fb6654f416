package nl.wur.cip.helpdesk.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import nl.wur.cip.helpdesk.knowledge.Language;

/** Reads and checks JSON request bodies so every handler rejects bad input the same way. */
public final class JsonRequests {
    /** Far more than any valid request needs; more is refused before parsing. */
    public static final int MAX_BODY_BYTES = 16 * 1024;
    /** The most the server reads at all; Jetty refuses anything larger itself. */
    public static final int READ_LIMIT_BYTES = 1024 * 1024;

    private final ObjectMapper mapper;

    public JsonRequests() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(32)
                        .maxStringLength(READ_LIMIT_BYTES)
                        .build())
                .build();
        // Records with Optional and Instant fields serialise as plain values and ISO-8601 text.
        this.mapper = new ObjectMapper(factory)
                .registerModule(new Jdk8Module())
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** The body as a JSON object, or an {@link ApiException} saying what is wrong with it. */
    public JsonNode object(Context ctx) {
        return object(ctx, MAX_BODY_BYTES);
    }

    /** As {@link #object(Context)}, for endpoints whose valid bodies may be larger (up to {@link #READ_LIMIT_BYTES}). */
    public JsonNode object(Context ctx, int maxBytes) {
        // The content type was checked for every POST before the handler ran (SameOrigin). Bodies up to READ_LIMIT are
        // read before refusing, so the client sees the 413 instead of a reset.
        if (ctx.contentLength() > READ_LIMIT_BYTES) {
            throw tooLarge(maxBytes);
        }
        // A body that cannot be read (broken chunking, cut short) is the server's 400 for unreadable requests.
        JsonNode body = parse(ctx.bodyAsBytes(), maxBytes);
        if (body.path("language").isTextual()) {
            RequestLanguage.noteBody(ctx, body.get("language").asText());
        }
        return body;
    }

    /** Parses a request body that must be one JSON object of at most {@code maxBytes}; the core of {@link #object}. */
    public JsonNode parse(byte[] bytes, int maxBytes) {
        if (bytes.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ApiException(
                    400, "the request body is not valid UTF-8", "de inhoud van het verzoek is geen geldige UTF-8");
        }
        if (text.isBlank()) {
            throw new ApiException(
                    400, "the request body is empty; send a JSON object", "het verzoek is leeg; stuur een JSON-object");
        }
        try {
            JsonNode node = mapper.readTree(text);
            if (node == null || !node.isObject()) {
                throw new ApiException(
                        400,
                        "the request body must be a JSON object",
                        "de inhoud van het verzoek moet een JSON-object zijn");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ApiException(
                    400, "the request body is not valid JSON", "de inhoud van het verzoek is geen geldige JSON");
        }
    }

    /**
     * A required, non-blank string field of at most {@code maxLength} characters, counted as the database counts them
     * (UTF-16 units: an emoji is two), so whatever passes fits its column.
     */
    public static String requiredString(JsonNode body, String field, int maxLength) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw new ApiException(400, "'" + field + "' is required", "'" + field + "' ontbreekt");
        }
        if (!value.isTextual()) {
            throw notAString(field);
        }
        String text = value.asText();
        if (text.isBlank()) {
            throw new ApiException(400, "'" + field + "' must not be empty", "'" + field + "' mag niet leeg zijn");
        }
        if (text.length() > maxLength) {
            throw tooLong(field, maxLength);
        }
        return text;
    }

    /** An optional string field; absent or null gives empty. */
    public static Optional<String> optionalString(JsonNode body, String field, int maxLength) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw notAString(field);
        }
        if (value.asText().length() > maxLength) {
            throw tooLong(field, maxLength);
        }
        return Optional.of(value.asText());
    }

    /** The optional {@code language} field: {@code en} or {@code nl}; absent or null gives empty. */
    public static Optional<Language> optionalLanguage(JsonNode body) {
        return optionalString(body, "language", 5).map(JsonRequests::language);
    }

    private static ApiException tooLarge(int maxBytes) {
        return new ApiException(
                413,
                "the request body is larger than " + maxBytes + " bytes",
                "het verzoek is groter dan " + maxBytes + " bytes");
    }

    private static ApiException notAString(String field) {
        return new ApiException(400, "'" + field + "' must be a string", "'" + field + "' moet tekst zijn");
    }

    private static ApiException tooLong(String field, int maxLength) {
        return new ApiException(
                400,
                "'" + field + "' is longer than " + maxLength + " characters",
                "'" + field + "' is langer dan " + maxLength + " tekens");
    }

    /** A language code from a request, or a 400 that says which codes there are. */
    public static Language language(String code) {
        return Language.fromCode(code)
                .orElseThrow(() -> new ApiException(
                        400, "'language' must be \"en\" or \"nl\"", "'language' moet \"en\" of \"nl\" zijn"));
    }
}
