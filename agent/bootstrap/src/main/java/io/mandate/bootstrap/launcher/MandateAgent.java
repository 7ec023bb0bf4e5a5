package io.mandate.bootstrap.launcher;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.jar.JarFile;

/**
 * The agent jar's Premain-Class and Agent-Class. It makes sure the agent jar is on the boot class
 * path, then hands over to {@link AgentLauncher} as loaded by the boot loader. It touches no other
 * Mandate class before that, so every bootstrap class (context holder, API backend, dispatchers) is
 * defined once, by the boot loader, where JDK classes and every application class loader see the
 * same copy.
 */
public final class MandateAgent {
    private static final String LAUNCHER = "io.mandate.bootstrap.launcher.AgentLauncher";

    private MandateAgent() {
    }

    /** {@code -javaagent:mandate-agent.jar=key=value,...} */
    public static void premain(String agentArgs, Instrumentation instrumentation) {
        start(agentArgs, instrumentation, false);
    }

    /** Dynamic attach to a running JVM: a failure never stops the application. */
    public static void agentmain(String agentArgs, Instrumentation instrumentation) {
        start(agentArgs, instrumentation, true);
    }

    private static void start(String agentArgs, Instrumentation instrumentation, boolean lateAttach) {
        long launchNanos = System.nanoTime();
        File agentJar;
        try {
            agentJar = agentJar();
            // The manifest's Boot-Class-Path put the jar on the boot class path before premain, unless
            // the jar was renamed; then this class came from the system loader and the jar is appended
            // now (the JVM then warns that class data sharing is limited to boot classes).
            if (MandateAgent.class.getClassLoader() != null) {
                instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(agentJar, false));
            }
        } catch (URISyntaxException | java.io.IOException | RuntimeException e) {
            // Nothing of the agent is loaded yet: fail the way every startup failure fails.
            System.err.println("mandate: cannot put the agent jar on the boot class path: " + e);
            if (!lateAttach) {
                System.exit(AgentLauncher.EXIT_AGENT_FAILED);
            }
            return;
        }
        try {
            Class.forName(LAUNCHER, true, null)
                    .getMethod("launch", Instrumentation.class, String.class, File.class, boolean.class, long.class)
                    .invoke(null, instrumentation, agentArgs, agentJar, lateAttach, launchNanos);
        } catch (ReflectiveOperationException | LinkageError e) {
            System.err.println("mandate: the agent jar is damaged, its launcher cannot run: " + e);
            if (!lateAttach) {
                System.exit(AgentLauncher.EXIT_AGENT_FAILED);
            }
        }
    }

    /** The jar this class was read from, whichever loader read it (the boot loader gives no code source). */
    private static File agentJar() throws URISyntaxException {
        URL self = MandateAgent.class.getResource(MandateAgent.class.getSimpleName() + ".class");
        String spec = self == null ? "" : self.toExternalForm();
        int separator = spec.indexOf("!/");
        if (!spec.startsWith("jar:") || separator < 0) {
            throw new IllegalStateException("the Mandate agent must run from its jar, not from " + spec);
        }
        return new File(new URI(spec.substring("jar:".length(), separator)));
    }
}
