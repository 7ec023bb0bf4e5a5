package io.mandate.agent.instrumentation;

/**
 * One instrumented library (JDBC, an HTTP client, file I/O...): its type matchers and advice.
 * Found with ServiceLoader in the agent class loader; each lives in its own module under
 * agent/instrumentation/.
 */
public interface InstrumentationModule {
    /** Short name used in logs and configuration ("jdbc"). */
    String name();

    /**
     * Wires the module's runtime hooks to {@code services} (typically by setting a bootstrap
     * dispatch field) and adds its rules to {@code transformations}.
     */
    void install(Transformations transformations, AgentServices services);

    /** Stops dispatching to this module's hooks (detach): advice left in classes becomes a no-op. */
    void uninstall();

    /**
     * Name prefixes of the JDK classes (defined by the boot or platform class loader) this module
     * transforms, e.g. "java.util.concurrent.ForkJoinPool" or "java.lang.ProcessBuilder" (a package
     * prefix admits every class of it already loaded, each parsed at start). The agent matches no
     * other JDK class against any module: at start every loaded class is a retransformation
     * candidate, and describing the whole JDK to matchers that can never fire on it was most of
     * the start-up cost. A module that transforms JDK classes must list them here, or they are
     * never transformed.
     */
    default java.util.List<String> jdkClassPrefixes() {
        return java.util.List.of();
    }
}
