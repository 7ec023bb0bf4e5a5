package io.mandate.agent.startup;

import io.mandate.agent.diagnostics.InternalErrors;
import io.mandate.agent.journal.Journal;
import io.mandate.bootstrap.CallGuard;

import java.util.Map;

/** The JVM's shutdown hook: journals agent.stop and closes the journal, which drains what is queued. */
final class ShutdownRecorder implements Runnable {
    private final Journal journal;
    private final InternalErrors errors;

    ShutdownRecorder(Journal journal, InternalErrors errors) {
        this.journal = journal;
        this.errors = errors;
    }

    @Override
    public void run() {
        CallGuard.enter();
        try {
            journal.recordLifecycle("agent.stop", Map.of("internalErrors", Long.toString(errors.total())));
            journal.close();
        } catch (RuntimeException | LinkageError e) {
            System.err.println("mandate: could not close the journal at shutdown: " + e);
        } finally {
            CallGuard.exit();
        }
    }
}
