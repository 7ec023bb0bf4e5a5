package io.mandate.it.http;

import io.mandate.api.Mandate;
import io.mandate.it.apps.Observations;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import static io.mandate.it.http.ToolCalls.SECRET;
import static io.mandate.it.http.ToolCalls.describe;
import static io.mandate.it.http.ToolCalls.scenario;

/**
 * An agent's tool calls through OkHttp (whichever major the class path has), against a
 * {@link LoopbackServer}: execute and enqueue, to the allowed host, to the denied host, and to an
 * allowed URL that redirects to the denied host. Records the OkHttp version it ran with.
 */
public final class OkHttpApp {
    private static final MediaType TEXT = MediaType.get("text/plain");

    private OkHttpApp() {
    }

    public static void main(String[] args) throws Exception {
        Observations.record("agentAttached", Mandate.agentAttached());
        // the jar's name: OkHttp.VERSION is a constant, compiled into this class from the 4.x API
        Observations.record("okhttp", Path.of(OkHttpClient.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI()).getFileName());
        OkHttpClient client = new OkHttpClient.Builder().callTimeout(20, TimeUnit.SECONDS).build();
        try (LoopbackServer server = new LoopbackServer()) {
            Observations.record("port", server.port());
            scenario("execute", () -> execute(client, get(server.allowedUrl("/kb/article?token=" + SECRET))));
            scenario("execute_post", () -> execute(client, post(server.allowedUrl("/kb/notes"))));
            scenario("execute_denied", () -> execute(client, post(server.deniedUrl("/secret/notes"))));
            scenario("execute_redirect", () -> execute(client, get(server.allowedUrl("/kb/moved"))));
            scenario("enqueue", () -> enqueue(client, get(server.allowedUrl("/kb/article"))));
            scenario("enqueue_denied", () -> enqueue(client, get(server.deniedUrl("/secret/data"))));
            scenario("enqueue_redirect", () -> enqueue(client, get(server.allowedUrl("/kb/moved"))));
            Observations.record("secret.hits", server.secretHits());
        } finally {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    private static Request get(String url) {
        return new Request.Builder().url(url).build();
    }

    private static Request post(String url) {
        return new Request.Builder().url(url).post(RequestBody.create("a note", TEXT)).build();
    }

    private static String execute(OkHttpClient client, Request request) throws IOException {
        try (Response response = client.newCall(request).execute()) {
            return "ok " + response.code() + " " + response.body().string();
        }
    }

    private static String enqueue(OkHttpClient client, Request request) throws InterruptedException {
        CompletableFuture<String> outcome = new CompletableFuture<>();
        client.newCall(request).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                outcome.complete("async " + describe(e));
            }

            @Override
            public void onResponse(Call call, Response response) throws IOException {
                try (response) {
                    outcome.complete("ok " + response.code() + " " + response.body().string());
                }
            }
        });
        try {
            return outcome.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return "failed " + e;
        }
    }
}
