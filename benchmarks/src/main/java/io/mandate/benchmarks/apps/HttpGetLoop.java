package io.mandate.benchmarks.apps;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The HTTP workload: a JDK HttpClient GET of a small response from the harness's loopback server,
 * over a kept-alive connection as a real client reuses one, so each call is one request an agent
 * decides and not a TCP handshake.
 */
final class HttpGetLoop implements CallLoop {
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final HttpRequest request;
    private long bytes;

    HttpGetLoop(String url) {
        this.request = HttpRequest.newBuilder(URI.create(url)).GET().timeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public void call() throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("loopback server answered " + response.statusCode());
        }
        bytes += response.body().length;
    }

    long bytes() {
        return bytes;
    }
}
