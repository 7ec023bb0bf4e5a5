package io.mandate.bootstrap.launcher;

import java.io.File;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * Runs on the boot class path: creates the isolated {@link AgentClassLoader} over the jar's
 * {@code inst/} folder and starts the core in it. Every failure ends here, as a message on stderr
 * and, for {@code -javaagent}, an exit before {@code main}; a dynamic attach only reports it.
 */
public final class AgentLauncher {
    /** Invalid configuration or a policy with errors under onError=closed (sysexits' EX_CONFIG). */
    public static final int EXIT_CONFIG = 78;
    /** The agent could not start for any other reason under onError=closed (sysexits' EX_SOFTWARE). */
    public static final int EXIT_AGENT_FAILED = 70;

    static final String CORE_STARTER = "io.mandate.agent.startup.AgentStarter";
    private static final String DEBUG_PROPERTY = "mandate.debug";
    /**
     * Why the last dynamic attach did not start, for {@code mandate attach} to read through the attach
     * API (io.mandate.control.AgentProperties.START_FAILURE; that module is not on the boot class path).
     */
    static final String START_FAILURE_PROPERTY = "io.mandate.agent.startFailure";

    private AgentLauncher() {
    }

    /** Called reflectively by {@link MandateAgent} once the agent jar is on the boot class path. */
    public static void launch(Instrumentation instrumentation, String agentArgs, File agentJar, boolean lateAttach,
                              long launchNanos) {
        if (lateAttach) {
            System.clearProperty(START_FAILURE_PROPERTY); // an earlier attempt's reason is not this one's
        }
        try {
            JarFile jar = new JarFile(agentJar, false); // stays open: the agent class loader reads from it
            AgentClassLoader loader = new AgentClassLoader(jar, agentJar, ClassLoader.getPlatformClassLoader());
            StartupPreloader preloader = StartupPreloader.start(jar, loader);
            try {
                Class.forName(CORE_STARTER, true, loader)
                        .getMethod("start", Instrumentation.class, String.class, File.class, String.class,
                                boolean.class, long.class)
                        .invoke(null, instrumentation, agentArgs, agentJar, version(jar), lateAttach, launchNanos);
            } finally {
                if (preloader != null) {
                    preloader.startOver();
                }
            }
        } catch (InvocationTargetException e) {
            fail(e.getCause(), lateAttach);
        } catch (Throwable e) { // the launcher is the last line: nothing may escape into the JVM's agent loading
            fail(e, lateAttach);
        }
    }

    private static void fail(Throwable error, boolean lateAttach) {
        boolean debug = Boolean.getBoolean(DEBUG_PROPERTY);
        int exitCode;
        String reason = error instanceof StartupFailure ? error.getMessage()
                : "mandate: the agent failed to start: " + error;
        if (lateAttach) {
            System.setProperty(START_FAILURE_PROPERTY, reason);
        }
        if (error instanceof StartupFailure) {
            System.err.println(error.getMessage());
            exitCode = ((StartupFailure) error).exitCode();
            if (debug && error.getCause() != null) {
                error.getCause().printStackTrace();
            }
        } else {
            System.err.println("mandate: the agent failed to start: " + error
                    + (debug ? "" : " (details with -D" + DEBUG_PROPERTY + "=true)"));
            exitCode = EXIT_AGENT_FAILED;
            if (debug) {
                error.printStackTrace();
            }
        }
        if (lateAttach) {
            System.err.println("mandate: the agent is not attached; the application runs on unchanged");
        } else {
            System.err.println("mandate: stopping the JVM before main (exit status " + exitCode + ")");
            System.exit(exitCode);
        }
    }

    private static String version(JarFile jar) throws IOException {
        String version = jar.getManifest() == null ? null
                : jar.getManifest().getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_VERSION);
        return version == null ? "dev" : version;
    }
}
