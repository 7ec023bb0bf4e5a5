package io.mandate.bootstrap.tools;

import io.mandate.api.Mandate;
import io.mandate.api.Step;
import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.ContextHolder;

/**
 * A framework's tool execution as a step, for advice inlined into the framework: opened before the
 * tool runs, named after the tool, with the digest of its arguments (never their text); closed with
 * the tool's outcome. Outside any chain the step runs in a root chain of its own (see
 * {@link Mandate#openStep}).
 *
 * A tool whose step is already the current one is not opened again: frameworks route one execution
 * through several layers of the same tool (an overload delegating to another, a decorator calling
 * the tool it wraps), and one execution must be one step.
 *
 * Never throws: a failure here must not become the tool's failure.
 */
public final class ToolSteps {
    private ToolSteps() {
    }

    /** The step to hand to {@link #close}, or null when none was opened. */
    public static Step open(String tool, String argumentsText) {
        try {
            if (tool == null || tool.isEmpty()) {
                return null;
            }
            ChainContext current = ContextHolder.current();
            if (current != null && tool.equals(current.tool())) {
                return null;
            }
            return Mandate.openStep(tool, Mandate.digest(argumentsText == null ? "" : argumentsText));
        } catch (Throwable e) {
            return null;
        }
    }

    /** Closes a step {@link #open} returned, recording {@code thrown} (null for a result) as its failure. */
    public static void close(Step step, Throwable thrown) {
        if (step == null) {
            return;
        }
        try {
            if (thrown != null) {
                step.failed(thrown);
            }
            step.close();
        } catch (Throwable ignored) {
            // the tool's own outcome stands
        }
    }
}
