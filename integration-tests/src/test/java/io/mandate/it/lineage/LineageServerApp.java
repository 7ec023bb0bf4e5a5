package io.mandate.it.lineage;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mandate.api.Mandate;
import io.mandate.api.MandateContext;
import io.mandate.it.apps.Observations;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The receiving service: a JDK HttpServer and an embedded servlet container (Tomcat 11 or Jetty 12
 * ee10, the first argument) on 127.0.0.1, both serving {@code /kb/<id>} by reading an article from H2
 * (a call the agent journals with the request's chain). For each request it records whether a
 * lineage header arrived and which chain the handler ran in. Runs until {@code /stop}.
 */
public final class LineageServerApp {
    static final String DATABASE = "jdbc:h2:mem:kb;DB_CLOSE_DELAY=-1";

    private LineageServerApp() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection db = DriverManager.getConnection(DATABASE); Statement setup = db.createStatement()) {
            setup.execute("create table articles(id int primary key, title varchar(100))");
            setup.execute("insert into articles values (1, 'lineage')");
        }
        CountDownLatch stop = new CountDownLatch(1);
        HttpServer jdk = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        ExecutorService handlers = Executors.newFixedThreadPool(2);
        jdk.setExecutor(handlers);
        jdk.createContext("/kb/", exchange -> {
            String id = id(exchange.getRequestURI().getPath());
            String header = exchange.getRequestHeaders().getFirst("Mandate-Lineage");
            if (id.startsWith("redirect-")) {
                // to the host the client's policy denies: the hop is sent in audit mode, without lineage
                Observations.record(id + ".header", header == null ? "absent" : "present");
                exchange.getResponseHeaders().add("Location", "http://localhost:" + exchange.getLocalAddress().getPort()
                        + "/kb/hop-" + id.substring("redirect-".length()));
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
                return;
            }
            respond(exchange, handle(id, header));
        });
        jdk.createContext("/stop", exchange -> {
            respond(exchange, "stopping");
            stop.countDown();
        });
        jdk.start();

        AutoCloseable container = args[0].equals("jetty") ? JettyContainer.start(new KbServlet())
                : TomcatContainer.start(new KbServlet());

        Observations.record("jdkPort", jdk.getAddress().getPort());
        Observations.record("servletPort", ((ServletContainer) container).port());
        boolean stopped = stop.await(120, TimeUnit.SECONDS);
        container.close();
        jdk.stop(0);
        handlers.shutdown();
        Observations.record("stopped", stopped);
    }

    /** A started container serving one servlet at /kb/*; its classes load only when chosen. */
    interface ServletContainer extends AutoCloseable {
        int port();
    }

    static final class KbServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String answer = handle(id(request.getRequestURI()), request.getHeader("Mandate-Lineage"));
            response.setContentType("text/plain");
            response.getWriter().write(answer);
        }
    }

    /** The handler's work: one JDBC query, attributed to whatever chain the agent made current. */
    static String handle(String id, String header) {
        Observations.record(id + ".header", header == null ? "absent" : "present");
        MandateContext context = Mandate.current().orElse(null);
        Observations.record(id + ".chain", context == null ? "none" : context.chainId());
        try (Connection db = DriverManager.getConnection(DATABASE);
             PreparedStatement query = db.prepareStatement("select title from articles where id = ?")) {
            query.setInt(1, 1);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        } catch (SQLException e) {
            return "failed " + e;
        }
    }

    static String id(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static void respond(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
