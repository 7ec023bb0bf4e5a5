package io.mandate.it.http;

import io.mandate.api.Mandate;
import io.mandate.it.apps.Observations;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;

import static io.mandate.it.http.ToolCalls.describe;
import static io.mandate.it.http.ToolCalls.scenario;

/**
 * An agent's tool calls that read response bodies larger than the policy's byte budget per chain,
 * through every metered client: java.net.http.HttpClient (send with a string body, sendAsync with a
 * byte array), HttpURLConnection, OkHttp and Apache HttpClient 5's classic and async clients. Each scenario runs
 * in a chain of its own (so each has a fresh budget) and records the bytes it got, or how it failed.
 * {@code small} reads a body within the budget.
 */
public final class ResponseBytesApp {
    private ResponseBytesApp() {
    }

    public static void main(String[] args) throws Exception {
        Observations.record("agentAttached", Mandate.agentAttached());
        HttpClient jdk = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        OkHttpClient okhttp = new OkHttpClient.Builder().callTimeout(20, TimeUnit.SECONDS).build();
        try (LoopbackServer server = new LoopbackServer();
             CloseableHttpClient apache = HttpClients.createDefault();
             CloseableHttpAsyncClient apacheAsync = HttpAsyncClients.createDefault()) {
            apacheAsync.start();
            Observations.record("port", server.port());
            String large = server.allowedUrl("/kb/large");
            scenario("small", () -> "ok " + jdk.send(get(server.allowedUrl("/kb/article")),
                    HttpResponse.BodyHandlers.ofString()).body().length());
            scenario("jdk_send", () -> "ok " + jdk.send(get(large), HttpResponse.BodyHandlers.ofString()).body().length());
            scenario("jdk_async", () -> sendAsync(jdk, large));
            scenario("huc", () -> {
                try (InputStream in = new URL(large).openStream()) {
                    return "ok " + in.readAllBytes().length;
                }
            });
            scenario("okhttp", () -> {
                try (Response response = okhttp.newCall(new Request.Builder().url(large).build()).execute()) {
                    return "ok " + response.body().bytes().length;
                }
            });
            scenario("apache", () -> apache.execute(new HttpGet(large),
                    response -> "ok " + EntityUtils.toByteArray(response.getEntity()).length));
            scenario("apache_async", () -> apacheAsync(apacheAsync, large));
        } finally {
            okhttp.dispatcher().executorService().shutdown();
            okhttp.connectionPool().evictAll();
        }
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).build();
    }

    /** The async client's outcome as its future reports it (the callback sees the same failure). */
    private static String apacheAsync(CloseableHttpAsyncClient client, String url) throws InterruptedException {
        Future<SimpleHttpResponse> future = client.execute(SimpleRequestBuilder.get(url).build(), null);
        try {
            return "ok " + future.get(20, TimeUnit.SECONDS).getBodyBytes().length;
        } catch (ExecutionException e) {
            return "async " + describe(e.getCause());
        } catch (TimeoutException e) {
            return "timed out";
        }
    }

    private static String sendAsync(HttpClient client, String url) throws InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(get(url), HttpResponse.BodyHandlers.ofByteArray());
        try {
            return "ok " + future.get(20, TimeUnit.SECONDS).body().length;
        } catch (ExecutionException e) {
            return "async " + describe(e.getCause());
        } catch (TimeoutException e) {
            return "timed out";
        }
    }
}
