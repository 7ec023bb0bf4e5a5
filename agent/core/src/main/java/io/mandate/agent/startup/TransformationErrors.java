package io.mandate.agent.startup;

import io.mandate.agent.diagnostics.InternalErrors;
import io.mandate.agent.instrumentation.ModuleTransformer;

/**
 * Reports failures to transform or retransform a class once per place: a class Mandate cannot
 * instrument is unprotected, which an operator must hear about, but never per class load.
 */
final class TransformationErrors implements ModuleTransformer.Listener {
    private final InternalErrors errors;

    TransformationErrors(InternalErrors errors) {
        this.errors = errors;
    }

    @Override
    public void failed(String typeName, Throwable error) {
        errors.report("instrumenting " + typeName, error);
    }
}
