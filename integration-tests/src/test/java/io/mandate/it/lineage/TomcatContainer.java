package io.mandate.it.lineage;

import jakarta.servlet.http.HttpServlet;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;

import java.io.IOException;
import java.nio.file.Files;

/** Embedded Tomcat 11 on 127.0.0.1, an ephemeral port. */
final class TomcatContainer implements LineageServerApp.ServletContainer {
    private final Tomcat tomcat;

    private TomcatContainer(Tomcat tomcat) {
        this.tomcat = tomcat;
    }

    static TomcatContainer start(HttpServlet servlet) throws IOException, LifecycleException {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "kb", servlet);
        context.addServletMappingDecoded("/kb/*", "kb");
        tomcat.start();
        return new TomcatContainer(tomcat);
    }

    @Override
    public int port() {
        return tomcat.getConnector().getLocalPort();
    }

    @Override
    public void close() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
    }
}
