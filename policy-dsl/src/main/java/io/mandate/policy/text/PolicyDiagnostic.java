package io.mandate.policy.text;

import io.mandate.policy.Diagnostic;

/** An error or warning at a position of a named source. */
public record PolicyDiagnostic(Severity severity, String source, int line, int column, String message, String hint)
        implements Diagnostic {
    public PolicyDiagnostic {
        hint = hint == null ? "" : hint;
    }

    /** One line: {@code file:line:col: error: message}. */
    public String headline() {
        return source + ":" + line + ":" + column + ": " + (severity == Severity.ERROR ? "error" : "warning") + ": " + message;
    }

    @Override
    public String toString() {
        return headline();
    }
}
