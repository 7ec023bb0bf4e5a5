package io.mandate.it.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP server the forked app talks to, on 127.0.0.1 only. It stands for two hosts: the policy
 * allows the knowledge base at {@code 127.0.0.1} and denies everything at {@code localhost}, which
 * reaches the same socket. {@code /kb/moved} redirects to the denied host, so a redirect hop can be
 * stopped; every request that reaches {@code /secret} is counted, so a test can tell that a denied
 * request never left the client.
 */
final class LoopbackServer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger secretHits = new AtomicInteger();

    LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        server.createContext("/kb/article", exchange -> respond(exchange, 200, "article"));
        server.createContext("/kb/notes", exchange -> respond(exchange, 200,
                "noted " + exchange.getRequestBody().readAllBytes().length));
        server.createContext("/kb/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", deniedUrl("/secret/data?token=hop-secret"));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/secret", exchange -> {
            secretHits.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            respond(exchange, 200, "secret");
        });
        server.start();
    }

    /** A URL of the allowed host. */
    String allowedUrl(String pathAndQuery) {
        return "http://127.0.0.1:" + port() + pathAndQuery;
    }

    /** A URL of the denied host: the same server, by another name. */
    String deniedUrl(String pathAndQuery) {
        return "http://localhost:" + port() + pathAndQuery;
    }

    int port() {
        return server.getAddress().getPort();
    }

    int secretHits() {
        return secretHits.get();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
