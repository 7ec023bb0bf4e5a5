package io.mandate.cli.attach;

import java.util.Properties;

/**
 * JDK 21 and later print a warning on the target's stderr when an agent is loaded into it at run
 * time (JEP 451), and a future JDK will refuse such agents unless the JVM was started with
 * {@code -XX:+EnableDynamicAgentLoading}. The operator's terminal does not see the target's stderr,
 * so {@code mandate attach} says it here, before loading, with the way to silence it.
 */
final class DynamicAgentWarning {
    static final String FLAG = "-XX:+EnableDynamicAgentLoading";
    private static final String REFUSING_FLAG = "-XX:-EnableDynamicAgentLoading";
    private static final int FIRST_WARNING_FEATURE = 21;

    private DynamicAgentWarning() {
    }

    /**
     * The note to print for a target with these system properties and agent properties (its JVM
     * arguments are {@code sun.jvm.args}), or null when it will not warn.
     */
    static String noteFor(long pid, Properties system, Properties agent) {
        int feature = JavaFeature.of(system.getProperty("java.specification.version", ""));
        String arguments = agent.getProperty("sun.jvm.args", "");
        if (feature < FIRST_WARNING_FEATURE || arguments.contains(FLAG) || arguments.contains(REFUSING_FLAG)) {
            return null; // no warning, or a refusal the JDK explains itself when the load fails
        }
        return "process " + pid + " runs Java " + feature + ", which prints a warning on its stderr about a dynamically "
                + "loaded agent; start it with " + FLAG + " to silence it (a future JDK refuses dynamic agents "
                + "without it), or with -javaagent";
    }
}
