package io.mandate.it.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

/**
 * The HTTP server the forked app talks to, on 127.0.0.1 only. It stands for two hosts: the policy
 * allows the knowledge base at {@code 127.0.0.1} and denies everything at {@code localhost}, which
 * reaches the same socket. {@code /kb/moved} redirects to the denied host, so a redirect hop can be
 * stopped; every request that reaches {@code /secret} is counted, so a test can tell that a denied
 * request never left the client. {@code /kb/large} answers {@link #LARGE_BODY} bytes, for byte limits.
 * Plain http, or https with a certificate for both names.
 */
final class LoopbackServer implements AutoCloseable {
    /** The length of {@code /kb/large}'s body. */
    static final int LARGE_BODY = 40_000;

    private final HttpServer server;
    private final String scheme;
    private final AtomicInteger secretHits;

    /** A plain http server. */
    LoopbackServer() throws IOException {
        this(HttpServer.create(loopback(), 16), "http", new AtomicInteger());
    }

    /** An https server with {@code tls}'s certificate, counting /secret hits into {@code secretHits}. */
    LoopbackServer(SSLContext tls, AtomicInteger secretHits) throws IOException {
        this(httpsServer(tls), "https", secretHits);
    }

    private LoopbackServer(HttpServer server, String scheme, AtomicInteger secretHits) {
        this.server = server;
        this.scheme = scheme;
        this.secretHits = secretHits;
        server.createContext("/kb/article", exchange -> respond(exchange, 200, "article"));
        server.createContext("/kb/large", exchange -> respond(exchange, 200, "x".repeat(LARGE_BODY)));
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

    private static InetSocketAddress loopback() throws IOException {
        return new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0);
    }

    private static HttpServer httpsServer(SSLContext tls) throws IOException {
        HttpsServer https = HttpsServer.create(loopback(), 16);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        return https;
    }

    AtomicInteger secretHitCounter() {
        return secretHits;
    }

    /** A URL of the allowed host. */
    String allowedUrl(String pathAndQuery) {
        return scheme + "://127.0.0.1:" + port() + pathAndQuery;
    }

    /** A URL of the denied host: the same server, by another name. */
    String deniedUrl(String pathAndQuery) {
        return scheme + "://localhost:" + port() + pathAndQuery;
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
