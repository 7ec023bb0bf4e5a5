package io.mandate.agent.startup;

import io.mandate.agent.control.ControlServer;
import io.mandate.agent.control.Detacher;
import io.mandate.agent.diagnostics.InternalErrors;
import io.mandate.agent.instrumentation.InstrumentationModule;
import io.mandate.agent.journal.Journal;
import io.mandate.control.AgentProperties;

import java.lang.instrument.Instrumentation;
import java.util.Map;

/**
 * {@code mandate detach}: the agent leaves a running JVM. In this order, so that no call is ever
 * half-decided: dispatch stops (advice still in classes becomes a no-op), the transformer is
 * removed and every class it changed is retransformed back to its original bytecode, then the
 * journal records agent.detach and closes (draining what is queued), and the shutdown hook that
 * would have closed it goes. The application keeps running; its calls pass undecided.
 */
final class AgentDetachment implements Detacher {
    private final Instrumentation instrumentation;
    private final InstrumentationInstaller.Installed installed;
    private final Journal journal;
    private final InternalErrors errors;
    private volatile Thread shutdownHook;

    AgentDetachment(Instrumentation instrumentation, InstrumentationInstaller.Installed installed, Journal journal,
                    InternalErrors errors) {
        this.instrumentation = instrumentation;
        this.installed = installed;
        this.journal = journal;
        this.errors = errors;
    }

    void shutdownHook(Thread hook) {
        shutdownHook = hook;
    }

    @Override
    public String detach() {
        long started = System.nanoTime();
        int uninstalled = 0;
        for (InstrumentationModule module : installed.modules) {
            try {
                module.uninstall();
                uninstalled++;
            } catch (RuntimeException | LinkageError e) {
                errors.report("uninstalling instrumentation " + module.name(), e);
            }
        }
        boolean reset;
        try {
            reset = installed.transformer.reset(instrumentation);
        } catch (RuntimeException | LinkageError e) {
            errors.report("restoring the original bytecode at detach (advice left in classes does nothing)", e);
            reset = false;
        }
        long millis = (System.nanoTime() - started) / 1_000_000L;
        try {
            journal.recordLifecycle("agent.detach", Map.of("modules", Integer.toString(uninstalled),
                    "bytecodeRestored", Boolean.toString(reset), "millis", Long.toString(millis),
                    "internalErrors", Long.toString(errors.total())));
            journal.close();
        } catch (RuntimeException | LinkageError e) {
            errors.report("closing the journal at detach", e);
        }
        // a later mandate attach must not take this JVM for one without an agent: the API backend stays installed
        System.setProperty(AgentProperties.STATE, AgentProperties.DETACHED);
        Thread hook = shutdownHook;
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting; the hook finds the journal closed
            }
        }
        return "detached in " + millis + " ms: " + uninstalled + " instrumentations stopped, "
                + (reset ? "original bytecode restored" : "bytecode NOT restored (advice left in place does nothing)")
                + ", journal closed; the application runs on undecided";
    }

    @Override
    public String toString() {
        return "detachment via " + ControlServer.THREAD_NAME;
    }
}
