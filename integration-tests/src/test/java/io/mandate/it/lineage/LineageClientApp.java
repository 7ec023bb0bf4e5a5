package io.mandate.it.lineage;

import io.mandate.api.Chain;
import io.mandate.api.Mandate;
import io.mandate.api.MandateContext;
import io.mandate.api.Step;
import io.mandate.it.apps.Observations;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The calling agent: a root chain that delegates to a sub-agent, whose step calls the receiving
 * service with java.net.http.HttpClient (JDK server), HttpURLConnection and OkHttp (servlet container), then a request
 * the policy denies (sent, since the client runs in audit mode), redirects to that denied host
 * (HttpURLConnection and OkHttp follow them, and send the hop in audit mode), and one request outside
 * any chain.
 *
 * Args: the JDK server's port, the servlet container's port.
 */
public final class LineageClientApp {
    private LineageClientApp() {
    }

    public static void main(String[] args) throws Exception {
        int jdkPort = Integer.parseInt(args[0]);
        int servletPort = Integer.parseInt(args[1]);
        HttpClient client = HttpClient.newHttpClient();
        OkHttpClient okHttp = new OkHttpClient();
        try (Chain root = Mandate.openChain("research-bot", "answer a question", "alice");
             Chain sub = Mandate.delegate("research-sub", "look it up");
             Step step = Mandate.openStep("fetch", Mandate.digest("kb"))) {
            MandateContext context = Mandate.current().orElseThrow();
            Observations.record("root", root.id());
            Observations.record("chain", sub.id());
            Observations.record("step", context.stepId());
            Observations.record("depth", context.depth());
            Observations.record("jdk-client", get(client, "http://127.0.0.1:" + jdkPort + "/kb/jdk-client"));
            Observations.record("servlet-urlconnection", urlConnection("http://127.0.0.1:" + servletPort + "/kb/servlet-urlconnection"));
            Observations.record("okhttp-servlet", okHttp(okHttp, "http://127.0.0.1:" + servletPort + "/kb/okhttp-servlet"));
            Observations.record("redirect-urlconnection", urlConnection("http://127.0.0.1:" + jdkPort + "/kb/redirect-urlconnection"));
            Observations.record("redirect-okhttp", okHttp(okHttp, "http://127.0.0.1:" + jdkPort + "/kb/redirect-okhttp"));
            Observations.record("denied", get(client, "http://localhost:" + jdkPort + "/kb/denied"));
        }
        Observations.record("outside", get(client, "http://127.0.0.1:" + jdkPort + "/kb/outside"));
        okHttp.dispatcher().executorService().shutdown();
        okHttp.connectionPool().evictAll();
    }

    private static String okHttp(OkHttpClient client, String url) throws IOException {
        try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
            return response.code() + " " + response.body().string();
        }
    }

    private static String get(HttpClient client, String url) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    private static String urlConnection(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        try (InputStream in = connection.getInputStream()) {
            return connection.getResponseCode() + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            connection.disconnect();
        }
    }
}
