package io.mandate.policy;

import java.util.List;

/** The outcome of loading a policy: a compiled policy when there is no error, and every diagnostic. */
public interface LoadResult {
    /** True when there is no error (warnings allowed). */
    boolean ok();

    /** The compiled policy; throws IllegalStateException when {@link #ok()} is false. */
    CompiledPolicy policy();

    /** Errors and warnings, in source order. */
    List<Diagnostic> diagnostics();

    /** Every diagnostic rendered like a compiler's: "file:line:col: error: message", source line, caret, hint. */
    String render();
}
