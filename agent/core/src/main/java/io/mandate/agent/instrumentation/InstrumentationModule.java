package io.mandate.agent.instrumentation;

import net.bytebuddy.agent.builder.AgentBuilder;

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
     * dispatch field) and adds its transformations to {@code builder}.
     */
    AgentBuilder install(AgentBuilder builder, AgentServices services);

    /** Stops dispatching to this module's hooks (detach): advice left in classes becomes a no-op. */
    void uninstall();
}
