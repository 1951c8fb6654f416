package nl.wur.cip.helpdesk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import nl.wur.cip.helpdesk.llm.FakeOpenAi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stopping the server lets a request in flight finish, and takes no new ones. */
class GracefulShutdownTest {
    @RegisterExtension
    final HelpdeskServerExtension helpdesk =
            HelpdeskServerExtension.builder().fakeLlm(Duration.ofSeconds(10)).build();

    private static final String SLOW_ANSWER = "Copies may be stored for as long as the research needs them [P1].";

    @Test
    @Timeout(30)
    void aRequestInFlightWhenTheServerStopsStillGetsItsAnswer() throws Exception {
        HttpClient client = helpdesk.client();
        FakeOpenAi model =
                helpdesk.fakeLlm().reply(FakeOpenAi.Reply.text(SLOW_ANSWER).after(Duration.ofMillis(1500)));
        int port = helpdesk.port();
        URI ask = URI.create("http://localhost:" + port + "/api/ask");
        // Answered by the extractive composer, so it goes to the (slow) model.
        CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                HttpRequest.newBuilder(ask)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"question\":\"What does recital 14 say about storage of copies?\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (model.requests().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(model.requests().isEmpty(), "the question reached the model");

        helpdesk.stopServer(); // returns once the server has stopped

        // The server has written the whole answer before close() returns; the client may take a moment to hand it
        // over, so wait briefly rather than race it. A stop that cut the request would fail the request instead.
        HttpResponse<String> answered = inFlight.get(2, TimeUnit.SECONDS);
        assertEquals(200, answered.statusCode(), answered.body());
        JsonNode body = new ObjectMapper().readTree(answered.body());
        assertFalse(body.get("degraded").asBoolean(), "the model's answer arrived in full");
        assertTrue(body.get("answer").asText().startsWith("Copies may be stored"), body.toString());
        assertThrows(
                IOException.class,
                () -> client.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()),
                "no new requests after the stop");
    }
}
