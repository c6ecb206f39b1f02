package dev.plumbline.metrics.rag.llm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A chat endpoint on a raw socket (127.0.0.1, port 0), for replies an HTTP server library will
 * not send: headers followed by a stall, a body that never ends, a declared length far past any
 * answer, bytes that are not JSON. Each connection reads one request and runs the behaviour.
 */
final class RawServer implements AutoCloseable {
    /** What the server does with one request. */
    @FunctionalInterface
    interface Behaviour {
        void reply(String request, InputStream in, OutputStream out, RawServer server) throws IOException;
    }

    private final ServerSocket socket;
    private final Behaviour behaviour;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    /** Requests received, in order (headers and body as text). */
    final List<String> requests = new CopyOnWriteArrayList<>();
    /** Connections accepted. */
    final AtomicInteger connections = new AtomicInteger();
    /** Body bytes written across all connections (how far a stream got before the client stopped it). */
    final AtomicLong bytesWritten = new AtomicLong();
    /** Counted down when a client closes a connection the server was still holding open. */
    final CountDownLatch clientHungUp = new CountDownLatch(1);

    RawServer(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "raw-server");
        accept.setDaemon(true);
        accept.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                open.add(s);
                connections.incrementAndGet();
                Thread.ofVirtual().start(() -> handle(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            String request = readRequest(in);
            requests.add(request);
            behaviour.reply(request, in, s.getOutputStream(), this);
        } catch (IOException e) {
            // the client hung up mid-reply: what the stall and flood tests provoke
        }
    }

    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /** Writes a whole response with a Content-Length and closes the connection after it. */
    static void respond(OutputStream out, int status, String contentType, String body, String... extraHeaders)
            throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder h = new StringBuilder("HTTP/1.1 " + status + " X\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + b.length + "\r\nConnection: close\r\n");
        for (String e : extraHeaders) {
            h.append(e).append("\r\n");
        }
        out.write(h.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(b);
        out.flush();
    }

    /** Waits until the client closes the connection (read returns -1 or fails); counts the hang-up. */
    void awaitHangUp(InputStream in) {
        try {
            while (in.read() >= 0) {
                // drain
            }
        } catch (IOException e) {
            // reset by the client: a hang-up too
        }
        clientHungUp.countDown();
    }

    /** A chat-completions body with {@code content} as the assistant's reply. */
    static String chat(String content) {
        return "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":"
                + com.fasterxml.jackson.databind.node.TextNode.valueOf(content).toString() + "}}]}";
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
