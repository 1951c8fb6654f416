package nl.wur.cip.helpdesk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nl.wur.cip.helpdesk.HelpdeskConfig;
import nl.wur.cip.helpdesk.guard.GuardSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bodies that arrive a byte at a time over many connections from one address cannot take the server's threads. */
class SlowBodyTest {
    // Its own client: short timeouts, so a server whose threads the slow bodies took fails the test instead of hanging
    // it.
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Socket> sockets = new ArrayList<>();
    // Started by each test with its limits and closed after the sockets, so the server's stop does not wait for them.
    private HelpdeskServerExtension server;

    private void start(GuardSettings guards) {
        server = HelpdeskServerExtension.builder().guards(guards).start();
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket socket : sockets) {
            socket.close();
        }
        server.close();
    }

    /** Sends the headers and the first byte of a body that promises 16,000, and leaves it at that. */
    private Socket slowPost(String path) throws Exception {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(3000);
        socket.getOutputStream()
                .write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                + "Content-Length: 16000\r\n\r\n{")
                        .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        sockets.add(socket);
        return socket;
    }

    private static String statusLine(Socket socket) throws Exception {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    }

    private HttpResponse<String> health() throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/health"))
                        .timeout(Duration.ofSeconds(2))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void overTheCapABodyRequestIsRefusedAtOnceWithJsonAndTheSlotsComeBackWhenTheSlowOnesEnd() throws Exception {
        start(GuardSettings.UNLIMITED.withClientLimits(0, 0, 0, 0, 0, 3));
        for (int i = 0; i < 3; i++) {
            slowPost("/api/ask");
        }
        Thread.sleep(300); // the three are being read on server threads now
        Socket fourth = slowPost("/api/checklist/assess");
        assertEquals("HTTP/1.1 429 Too Many Requests", statusLine(fourth));
        assertEquals(200, health().statusCode(), "reads are not capped");

        for (Socket socket : sockets) {
            socket.close();
        }
        sockets.clear();
        HttpResponse<String> asked = null;
        for (int attempt = 0; attempt < 50; attempt++) { // the server notices the closed connections within moments
            // From 127.0.0.1, the address the slow bodies came from (localhost may be ::1, another address).
            asked = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/ask"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"question\":\"May I mine articles?\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (asked.statusCode() == 200) {
                break;
            }
            assertEquals(429, asked.statusCode());
            assertTrue(asked.body().contains("\"error\""), asked.body());
            Thread.sleep(100);
        }
        assertEquals(200, asked.statusCode(), "the capped address may post again");
    }

    @Test
    void seventySlowBodiesFromOneAddressLeaveTheHealthCheckAnsweringWithTheDefaultCap() throws Exception {
        start(HelpdeskConfig.defaults().guards());
        for (int i = 0; i < 70; i++) {
            slowPost(i % 2 == 0 ? "/api/ask" : "/api/checklist/assess");
        }
        Thread.sleep(500);
        long[] micros = new long[20];
        for (int i = 0; i < micros.length; i++) {
            long started = System.nanoTime();
            assertEquals(200, health().statusCode());
            micros[i] = (System.nanoTime() - started) / 1000;
        }
        Arrays.sort(micros);
        System.out.printf(
                "health while one address holds 70 slow bodies: p50 %.1f ms, max %.1f ms (20 calls)%n",
                micros[micros.length / 2] / 1000.0, micros[micros.length - 1] / 1000.0);
        assertTrue(micros[micros.length - 1] < 2_000_000, "health answered within 2 s");
        long refused = 0;
        for (Socket socket : sockets) {
            if (socket.getInputStream().available() > 0 || socketAnswered(socket)) {
                refused++;
            }
        }
        assertEquals(70 - 16, refused, "all but the default 16 were refused");
    }

    private static boolean socketAnswered(Socket socket) throws Exception {
        socket.setSoTimeout(200);
        try {
            return socket.getInputStream().read() >= 0;
        } catch (java.net.SocketTimeoutException stillWaiting) {
            return false;
        }
    }
}
