package nl.wur.cip.helpdesk.escalation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal SMTP server that answers every RCPT TO with one fixed reply, e.g. {@code 550} or {@code 451}, to
 * check how the worker treats permanent and temporary refusals (GreenMail accepts everything).
 */
final class ScriptedSmtpServer implements AutoCloseable {
    private final ServerSocket socket;
    private final String rcptReply;
    private final AtomicInteger sessions = new AtomicInteger();
    private final Thread thread;

    ScriptedSmtpServer(String rcptReply) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.rcptReply = rcptReply;
        this.thread = new Thread(this::serve, "scripted-smtp");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    int sessions() {
        return sessions.get();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept();
                    BufferedReader in = new BufferedReader(
                            new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                    PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.US_ASCII)) {
                sessions.incrementAndGet();
                reply(out, "220 scripted ESMTP");
                String line;
                boolean open = true;
                while (open && (line = in.readLine()) != null) {
                    String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                    switch (command) {
                        case "EHLO", "HELO" -> reply(out, "250 scripted");
                        case "MAIL" -> reply(out, "250 2.1.0 ok");
                        case "RCPT" -> reply(out, rcptReply);
                        case "RSET", "NOOP" -> reply(out, "250 ok");
                        case "QUIT" -> {
                            reply(out, "221 bye");
                            open = false;
                        }
                        default -> reply(out, "503 5.5.1 bad sequence");
                    }
                }
            } catch (IOException e) {
                // the client went away or the server is closing; take the next connection
            }
        }
    }

    private static void reply(PrintWriter out, String line) {
        out.print(line + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
