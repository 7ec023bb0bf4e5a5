package io.mandate.agent.instrumentation;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Advice for a third-party library's classes, read from the advice's class file and never linked
 * in the agent class loader. {@code Advice.to(Class)} reflects on the advice class, which links and
 * so verifies it; the verifier loads the library types the advice body names to check its
 * assignments, and the agent loader cannot see the application's libraries: the advice would fail
 * with a NoClassDefFoundError at the first class it should transform.
 */
public final class LibraryAdvice {
    private LibraryAdvice() {
    }

    public static Advice of(Class<?> advice) {
        ClassFileLocator locator = ClassFileLocator.ForClassLoader.of(advice.getClassLoader());
        return Advice.to(TypePool.Default.of(locator).describe(advice.getName()).resolve(), locator);
    }
}
