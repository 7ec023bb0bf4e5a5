package io.mandate.policy;

import io.mandate.policy.ast.PolicyAst;
import io.mandate.policy.text.DiagnosticSink;
import io.mandate.policy.text.SourceText;

import java.util.List;

/** A load's outcome: the compiled policy (when no error), the AST and every diagnostic. */
final class PolicyLoadResult implements LoadResult {
    private final CompiledPolicy policy;
    private final PolicyAst ast;
    private final List<Diagnostic> diagnostics;
    private final SourceText text;

    PolicyLoadResult(CompiledPolicy policy, PolicyAst ast, List<Diagnostic> diagnostics, SourceText text) {
        this.policy = policy;
        this.ast = ast;
        this.diagnostics = diagnostics;
        this.text = text;
    }

    @Override
    public boolean ok() {
        return policy != null;
    }

    @Override
    public CompiledPolicy policy() {
        if (policy == null) {
            throw new IllegalStateException("the policy has errors:\n" + render());
        }
        return policy;
    }

    @Override
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    @Override
    public String render() {
        return DiagnosticSink.render(diagnostics, text);
    }

    @Override
    public PolicyAst ast() {
        return ast;
    }

    @Override
    public String toString() {
        return ok() ? policy.toString() : render();
    }
}
