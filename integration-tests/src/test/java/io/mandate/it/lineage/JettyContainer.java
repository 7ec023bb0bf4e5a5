package io.mandate.it.lineage;

import jakarta.servlet.http.HttpServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.net.InetSocketAddress;

/** Embedded Jetty 12 (ee10) on 127.0.0.1, an ephemeral port. */
final class JettyContainer implements LineageServerApp.ServletContainer {
    private final Server server;

    private JettyContainer(Server server) {
        this.server = server;
    }

    static JettyContainer start(HttpServlet servlet) throws Exception {
        Server server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(servlet), "/kb/*");
        server.setHandler(context);
        server.start();
        return new JettyContainer(server);
    }

    @Override
    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
