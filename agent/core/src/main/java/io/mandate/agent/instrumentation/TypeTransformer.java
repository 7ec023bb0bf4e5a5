package io.mandate.agent.instrumentation;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;

/** Adds one module's changes (its advice, as a rule) to a type that rule matched. */
@FunctionalInterface
public interface TypeTransformer {
    /**
     * @param builder the type as transformed so far, decorated: advice may wrap methods, nothing may
     *                add or remove members (loaded classes are retransformed)
     * @param type    the type's description, read from its class file
     */
    DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type);
}
