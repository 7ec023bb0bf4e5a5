package io.mandate.agent.instrumentation.jdbc;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Matches a method that implements one declared by a named JDK interface: same name and same
 * descriptor, as the JVM decides overriding. What Byte Buddy's {@code isOverriddenFrom} decides,
 * at a fraction of the cost: that matcher walks the whole type hierarchy and describes every
 * method of every supertype for each method it is asked about, which for a driver's Connection or
 * DatabaseMetaData (a few hundred methods each, against interfaces of as many) allocated ~60 MB
 * while the PostgreSQL driver loaded, and that early garbage made G1 grow the young generation,
 * and so the resident heap, for the rest of the run. This one reads the interface's methods once
 * per JVM (a JDK interface has one definition: only the JDK defines {@code java.sql}) and then looks each method up.
 */
final class InterfaceMethodMatcher extends ElementMatcher.Junction.AbstractBase<MethodDescription> {
    private final String interfaceName;
    /** Name plus descriptor of each instance method the interface declares; null until first seen. */
    private volatile Set<String> signatures;

    InterfaceMethodMatcher(String interfaceName) {
        this.interfaceName = interfaceName;
    }

    @Override
    public boolean matches(MethodDescription target) {
        if (target == null || target.isStatic() || !target.isMethod()) {
            return false;
        }
        Set<String> known = signatures;
        if (known == null) {
            TypeDescription declaring = target.getDeclaringType().asErasure();
            TypeDescription declaredBy = findInHierarchy(declaring);
            if (declaredBy == null) {
                return false;
            }
            known = signaturesOf(declaredBy);
            signatures = known;
        }
        return known.contains(signature(target));
    }

    private TypeDescription findInHierarchy(TypeDescription type) {
        Deque<TypeDefinition> pending = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        pending.add(type);
        while (!pending.isEmpty()) {
            TypeDefinition next = pending.poll();
            if (!seen.add(next.getTypeName())) {
                continue;
            }
            if (next.asErasure().getName().equals(interfaceName)) {
                return next.asErasure();
            }
            TypeDefinition superClass = next.getSuperClass();
            if (superClass != null) {
                pending.add(superClass);
            }
            for (TypeDefinition implemented : next.getInterfaces()) {
                pending.add(implemented);
            }
        }
        return null;
    }

    private static Set<String> signaturesOf(TypeDescription declaredBy) {
        Set<String> result = new HashSet<>();
        for (MethodDescription.InDefinedShape method : declaredBy.getDeclaredMethods()) {
            if (method.isMethod() && !method.isStatic()) {
                result.add(signature(method));
            }
        }
        return Set.copyOf(result);
    }

    private static String signature(MethodDescription method) {
        return method.getInternalName() + method.getDescriptor();
    }

    @Override
    public String toString() {
        return "implementsMethodOf(" + interfaceName + ")";
    }
}
