package io.mandate.benchmarks.harness;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What the forks' HTTP, socket and file workloads reach: a loopback HTTP server and a TCP acceptor
 * served by the harness's own JVM (which runs no agent, so the server side costs every
 * configuration the same), and a small file. Real peers on loopback, never mocks: the agent under
 * test decides real connects and requests.
 */
final class LoopbackTargets implements AutoCloseable {
    /** About the size of a small JSON API answer. */
    private static final byte[] RESPONSE = "{\"status\":\"ok\",\"padding\":\"0123456789012345678901234567890\"}\n"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int FILE_BYTES = 1024;

    private final HttpServer http;
    private final ExecutorService httpWorkers;
    private final ServerSocket acceptor;
    private final Thread acceptorThread;
    private final Path file;

    private LoopbackTargets(HttpServer http, ExecutorService httpWorkers, ServerSocket acceptor, Path file) {
        this.http = http;
        this.httpWorkers = httpWorkers;
        this.acceptor = acceptor;
        this.file = file;
        this.acceptorThread = new Thread(this::acceptUntilClosed, "bench-loopback-acceptor");
        this.acceptorThread.setDaemon(true);
        this.acceptorThread.start();
    }

    /** Starts the servers and writes the file under {@code directory/bench-files/}, which the benchmark policy allows. */
    static LoopbackTargets start(Path directory) throws IOException {
        // The JDK server writes headers and body separately; with Nagle on, the client's delayed ACK
        // would add ~40 ms to every request and the benchmark would measure TCP timers.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        InetAddress loopback = InetAddress.getLoopbackAddress();
        HttpServer http = HttpServer.create(new InetSocketAddress(loopback, 0), 64);
        http.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, RESPONSE.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(RESPONSE);
            }
        });
        ExecutorService workers = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "bench-loopback-http");
            thread.setDaemon(true);
            return thread;
        });
        http.setExecutor(workers);
        http.start();
        ServerSocket acceptor = new ServerSocket(0, 1024, loopback);
        Path files = Files.createDirectories(directory.resolve("bench-files"));
        byte[] content = new byte[FILE_BYTES];
        Arrays.fill(content, (byte) 'm');
        Path file = Files.write(files.resolve("small.txt"), content);
        // The file probe's target: same content, in a directory the benchmark policy does not allow.
        Files.write(Files.createDirectories(directory.resolve("bench-denied")).resolve("small.txt"), content);
        return new LoopbackTargets(http, workers, acceptor, file);
    }

    /** Accepts and drops: the workload measures the connect an agent decides, not a protocol. */
    private void acceptUntilClosed() {
        while (!acceptor.isClosed()) {
            try (Socket ignored = acceptor.accept()) {
                // closed at once
            } catch (IOException e) {
                if (acceptor.isClosed()) {
                    return;
                }
            }
        }
    }

    String httpUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/ping";
    }

    String socketAddress() {
        return "127.0.0.1:" + acceptor.getLocalPort();
    }

    Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        http.stop(0);
        httpWorkers.shutdownNow();
        acceptor.close();
    }
}
