package io.mandate.policy;

import io.mandate.policy.ast.PolicyAst;

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

    /**
     * The policy as parsed, for formatters and converters (canonical text, JSON); null when the
     * source could not be parsed into one. Present with errors too, as far as parsing got.
     */
    default PolicyAst ast() {
        return null;
    }
}
