package io.mandate.it.http;

import io.mandate.api.Mandate;
import io.mandate.it.apps.Observations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.classic.MinimalHttpClient;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.ParseException;

import static io.mandate.it.http.ToolCalls.SECRET;
import static io.mandate.it.http.ToolCalls.describe;
import static io.mandate.it.http.ToolCalls.scenario;

/**
 * An agent's tool calls through Apache HttpClient 5 (whichever line the class path has), against a
 * {@link LoopbackServer}: the classic client through three {@code execute} overloads, the minimal
 * classic client, and the async client with a callback, each to the allowed host, to the denied
 * host, and (the clients that follow redirects) to an allowed URL that redirects to the denied host.
 * Records the HttpClient jar it ran with.
 */
public final class ApacheHttpClient5App {
    private ApacheHttpClient5App() {
    }

    public static void main(String[] args) throws Exception {
        Observations.record("agentAttached", Mandate.agentAttached());
        Observations.record("httpclient5", Path.of(HttpClients.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI()).getFileName());
        try (LoopbackServer server = new LoopbackServer();
             CloseableHttpClient classic = HttpClients.createDefault();
             MinimalHttpClient minimal = HttpClients.createMinimal();
             CloseableHttpAsyncClient async = HttpAsyncClients.createDefault()) {
            async.start();
            Observations.record("port", server.port());
            scenario("classic", () -> classic.execute(new HttpGet(server.allowedUrl("/kb/article?token=" + SECRET)),
                    response -> "ok " + response.getCode() + " " + EntityUtils.toString(response.getEntity())));
            scenario("classic_post", () -> read(classic.execute(post(server.allowedUrl("/kb/notes")))));
            scenario("classic_target", () -> read(classic.execute(new HttpHost("http", "127.0.0.1", server.port()),
                    new HttpGet("/kb/article"))));
            scenario("classic_denied", () -> read(classic.execute(post(server.deniedUrl("/secret/notes")))));
            scenario("classic_redirect", () -> read(classic.execute(new HttpGet(server.allowedUrl("/kb/moved")))));
            // the target host is where the connection goes, whatever the request's own URL says
            scenario("classic_spoofed", () -> read(classic.execute(new HttpHost("http", "localhost", server.port()),
                    new HttpGet(server.allowedUrl("/secret/data")))));
            scenario("minimal", () -> read(minimal.execute(new HttpGet(server.allowedUrl("/kb/article?token=" + SECRET)))));
            scenario("minimal_denied", () -> read(minimal.execute(new HttpGet(server.deniedUrl("/secret/data")))));
            scenario("async", () -> async(async, SimpleRequestBuilder.get(server.allowedUrl("/kb/article?token=" + SECRET)).build()));
            scenario("async_post", () -> async(async, SimpleRequestBuilder.post(server.allowedUrl("/kb/notes"))
                    .setBody("a note", ContentType.TEXT_PLAIN).build()));
            scenario("async_denied", () -> async(async, SimpleRequestBuilder.get(server.deniedUrl("/secret/data")).build()));
            scenario("async_redirect", () -> async(async, SimpleRequestBuilder.get(server.allowedUrl("/kb/moved")).build()));
            Observations.record("secret.hits", server.secretHits());
        }
    }

    private static ClassicHttpRequest post(String url) {
        HttpPost post = new HttpPost(url);
        post.setEntity(new StringEntity("a note", ContentType.TEXT_PLAIN));
        return post;
    }

    @SuppressWarnings("deprecation") // execute(request) without a handler: the overload applications use most
    private static String read(CloseableHttpResponse response) throws IOException {
        try (response) {
            return "ok " + response.getCode() + " " + EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
        } catch (ParseException e) {
            throw new IOException(e);
        }
    }

    /** Runs the request with a callback; the outcome is what the callback saw, checked against the future. */
    private static String async(CloseableHttpAsyncClient client, SimpleHttpRequest request) throws InterruptedException {
        CompletableFuture<String> callback = new CompletableFuture<>();
        Future<SimpleHttpResponse> future = client.execute(request, new FutureCallback<>() {
            @Override
            public void completed(SimpleHttpResponse response) {
                callback.complete("ok " + response.getCode() + " " + response.getBodyText());
            }

            @Override
            public void failed(Exception e) {
                callback.complete("async " + describe(e));
            }

            @Override
            public void cancelled() {
                callback.complete("cancelled");
            }
        });
        try {
            String outcome = callback.get(20, TimeUnit.SECONDS);
            try {
                future.get(20, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                String fromFuture = "async " + describe(e.getCause());
                return fromFuture.equals(outcome) ? outcome : outcome + " but the future failed with " + fromFuture;
            }
            return outcome;
        } catch (ExecutionException | TimeoutException e) {
            return "failed " + e;
        }
    }
}
