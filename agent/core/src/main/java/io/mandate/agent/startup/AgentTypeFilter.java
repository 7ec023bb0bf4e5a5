package io.mandate.agent.startup;

import io.mandate.agent.instrumentation.ModuleTransformer;

import java.util.List;

/**
 * The types no instrumentation may ever touch, whatever its matchers say: every class of the agent's
 * own loader, Mandate's tiers, Byte Buddy, other Java agents (instrumenting another agent's internals
 * is how agents break each other), and JDK machinery under class loading, reflection and method
 * handles, where advice could only recurse or slow everything down; and every JDK class outside the
 * packages the installed modules declare they instrument.
 *
 * It looks at the class loader and the name only: it runs for every class the JVM loads and for
 * every loaded class at retransformation, before anything reads a class file.
 */
final class AgentTypeFilter implements ModuleTransformer.IgnoredTypes {
    private static final String[] PREFIXES = {
            // Mandate's own tiers; the samples and application code under io.mandate.* stay instrumentable
            "io.mandate.agent.", "io.mandate.bootstrap.", "io.mandate.api.", "io.mandate.policy.",
            "net.bytebuddy.",
            // other agents
            "io.opentelemetry.javaagent.", "datadog.", "com.datadoghq.", "com.newrelic.", "co.elastic.apm.",
            "com.contrastsecurity.", "com.dynatrace.", "com.appdynamics.",
            // JDK machinery
            "java.lang.invoke.", "java.lang.ref.", "java.lang.reflect.", "jdk.internal.reflect.", "sun.reflect.",
            "jdk.internal.misc.", "jdk.internal.loader.", "jdk.internal.module.", "jdk.internal.org.objectweb.asm.",
            "jdk.internal.vm.", "jdk.internal.instrument.", "sun.instrument.", "sun.invoke.", "jdk.proxy",
            "com.sun.proxy.",
    };

    private static final ClassLoader PLATFORM_LOADER = ClassLoader.getPlatformClassLoader();

    private final ClassLoader agentLoader;
    private final String[] instrumentedJdkPrefixes;

    /**
     * @param instrumentedJdkPrefixes the only JDK classes (boot or platform loader) any module
     *                                may transform: every other JDK class is ignored
     */
    AgentTypeFilter(ClassLoader agentLoader, List<String> instrumentedJdkPrefixes) {
        this.agentLoader = agentLoader;
        this.instrumentedJdkPrefixes = instrumentedJdkPrefixes.toArray(new String[0]);
    }

    @Override
    public boolean ignores(String name, ClassLoader classLoader) {
        if (classLoader == agentLoader) {
            return true;
        }
        // JDK classes first: they are most of the ~3,000 classes loaded at premain, and the few
        // instrumented prefixes settle them without running the name through every ignored prefix
        if (isJdkLoader(classLoader) && !startsWithAny(name, instrumentedJdkPrefixes)) {
            return true;
        }
        return isIgnoredName(name);
    }

    private static boolean isJdkLoader(ClassLoader classLoader) {
        return classLoader == null || classLoader == PLATFORM_LOADER;
    }

    private static boolean startsWithAny(String name, String[] prefixes) {
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    static boolean isIgnoredName(String name) {
        for (String prefix : PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return name.contains("$$Lambda");
    }
}
