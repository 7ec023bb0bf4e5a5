package io.mandate.agent.startup;

import io.mandate.agent.diagnostics.InternalErrors;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.utility.JavaModule;

import java.util.List;

/**
 * Reports failures to transform or retransform a class once per place: a class Mandate cannot
 * instrument is unprotected, which an operator must hear about, but never per class load.
 */
final class TransformationErrors extends AgentBuilder.Listener.Adapter
        implements AgentBuilder.RedefinitionStrategy.Listener {
    private final InternalErrors errors;

    TransformationErrors(InternalErrors errors) {
        this.errors = errors;
    }

    @Override
    public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
                        Throwable throwable) {
        errors.report("instrumenting " + typeName, throwable);
    }

    @Override
    public void onBatch(int index, List<Class<?>> batch, List<Class<?>> types) {
        // batches are an implementation detail of retransformation
    }

    @Override
    public Iterable<? extends List<Class<?>>> onError(int index, List<Class<?>> batch, Throwable throwable,
                                                     List<Class<?>> types) {
        errors.report("retransforming " + batch.size() + " loaded classes such as " + batch.get(0).getName(), throwable);
        return List.of();
    }

    @Override
    public void onComplete(int amount, List<Class<?>> types, java.util.Map<List<Class<?>>, Throwable> failures) {
        // failures were reported batch by batch
    }
}
