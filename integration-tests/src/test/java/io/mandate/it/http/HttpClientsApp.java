package io.mandate.it.http;

import io.mandate.api.Mandate;
import io.mandate.it.apps.Observations;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

import static io.mandate.it.http.ToolCalls.SECRET;
import static io.mandate.it.http.ToolCalls.describe;
import static io.mandate.it.http.ToolCalls.scenario;

/**
 * An agent's tool calls over HTTP through the JDK's clients, against a {@link LoopbackServer}:
 * java.net.http.HttpClient (send and sendAsync) and HttpURLConnection (URL.openStream, a POST),
 * each to the allowed host, to the denied host, and to an allowed URL that redirects to the denied
 * host, over http and https (a self-signed certificate the test made, trusted by both clients). Each
 * scenario runs in a chain of its own and records its outcome and chain id; at the end the number
 * of requests that reached the denied host's /secret is recorded.
 *
 * Arguments: keystoreFile (PKCS12, password {@link LoopbackTls#PASSWORD})
 */
public final class HttpClientsApp {
    private HttpClientsApp() {
    }

    public static void main(String[] args) throws Exception {
        Observations.record("agentAttached", Mandate.agentAttached());
        SSLContext tls = LoopbackTls.context(Path.of(args[0]));
        try (LoopbackServer server = new LoopbackServer();
             LoopbackServer httpsServer = new LoopbackServer(tls, server.secretHitCounter())) {
            Observations.record("port", server.port());
            Observations.record("httpsPort", httpsServer.port());
            HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(10)).sslContext(tls).build();

            scenario("jdk_send", () -> send(client, server.allowedUrl("/kb/article?token=" + SECRET)));
            scenario("jdk_send_denied", () -> send(client, server.deniedUrl("/secret/data")));
            scenario("jdk_send_redirect", () -> send(client, server.allowedUrl("/kb/moved")));
            scenario("jdk_async", () -> sendAsync(client, server.allowedUrl("/kb/article")));
            scenario("jdk_async_denied", () -> sendAsync(client, server.deniedUrl("/secret/data")));
            scenario("jdk_async_redirect", () -> sendAsync(client, server.allowedUrl("/kb/moved")));
            scenario("jdk_async_context", () -> contextAroundSendAsync(client, server.allowedUrl("/kb/article")));

            scenario("huc_stream", () -> {
                try (InputStream in = new URL(server.allowedUrl("/kb/article?token=" + SECRET)).openStream()) {
                    return "ok " + new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            });
            scenario("huc_post", () -> post(server.allowedUrl("/kb/notes")));
            scenario("huc_post_denied", () -> post(server.deniedUrl("/secret/notes")));
            scenario("huc_redirect", () -> {
                HttpURLConnection connection = (HttpURLConnection) new URL(server.allowedUrl("/kb/moved")).openConnection();
                try (InputStream in = connection.getInputStream()) {
                    return "ok " + connection.getResponseCode() + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            });
            scenario("jdk_https", () -> send(client, httpsServer.allowedUrl("/kb/article?token=" + SECRET)));
            scenario("jdk_https_denied", () -> send(client, httpsServer.deniedUrl("/secret/data")));
            scenario("huc_https", () -> read(https(httpsServer.allowedUrl("/kb/article?token=" + SECRET), tls)));
            scenario("huc_https_denied", () -> read(https(httpsServer.deniedUrl("/secret/data"), tls)));
            Observations.record("secret.hits", server.secretHits());
        }
    }

    private static String send(HttpClient client, String url) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        return "ok " + response.statusCode() + " " + response.body();
    }

    private static String sendAsync(HttpClient client, String url) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<String>> future = client.sendAsync(
                HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        try {
            HttpResponse<String> response = future.get(20, TimeUnit.SECONDS);
            return "ok " + response.statusCode() + " " + response.body();
        } catch (ExecutionException e) {
            return "async " + describe(e.getCause());
        } catch (TimeoutException e) {
            return "timed out";
        }
    }

    /**
     * Where the chain is around sendAsync, which runs the exchange's own set-up detached from it:
     * on the sending thread once sendAsync returned (also after one that threw), in a stage the
     * application adds to the returned future, and in the application's body handler, which the
     * client applies on its own threads.
     */
    private static String contextAroundSendAsync(HttpClient client, String url) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
        try {
            CompletableFuture<String> stageChain = client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .thenApply(response -> currentChain());
            String afterSend = currentChain();
            String inStage = stageChain.get(20, TimeUnit.SECONDS);
            String afterThrow;
            try {
                client.sendAsync(request, null);
                afterThrow = "no exception";
            } catch (NullPointerException expected) {
                afterThrow = currentChain();
            }
            String[] handlerChain = {"not applied"};
            HttpResponse.BodyHandler<String> recordingHandler = info -> {
                handlerChain[0] = currentChain(); // applied on one of the client's threads
                return HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
            };
            String afterSecondSend = client.sendAsync(request, recordingHandler)
                    .thenApply(response -> response.statusCode() + " " + currentChain()).get(20, TimeUnit.SECONDS);
            return "after " + afterSend + " stage " + inStage + " thrown " + afterThrow + " second " + afterSecondSend
                    + " handler " + handlerChain[0];
        } catch (ExecutionException | TimeoutException e) {
            return "failed " + e;
        }
    }

    private static String currentChain() {
        return Mandate.current().map(context -> context.chainId()).orElse("none");
    }

    private static HttpURLConnection https(String url, SSLContext tls) throws IOException {
        HttpsURLConnection connection = (HttpsURLConnection) new URL(url).openConnection();
        connection.setSSLSocketFactory(tls.getSocketFactory());
        return connection;
    }

    private static String read(HttpURLConnection connection) throws IOException {
        try (InputStream in = connection.getInputStream()) {
            return "ok " + connection.getResponseCode() + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String post(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        try (OutputStream out = connection.getOutputStream()) {
            out.write("a note".getBytes(StandardCharsets.UTF_8));
        }
        try (InputStream in = connection.getInputStream()) {
            return "ok " + connection.getResponseCode() + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
