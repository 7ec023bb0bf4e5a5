package io.mandate.agent.instrumentation.http.common;

import net.bytebuddy.matcher.ElementMatcher;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * Whether a class loader links the bridge class the hooks were installed on: advice inlined into a
 * client library's classes may only go where it resolves (an OSGi-style loader that does not
 * delegate to the boot loader, or an application that shades its own copy, fails this, and the
 * library then stays unadvised rather than failing at its first request). Answers are cached per
 * loader, weakly, so the check costs one lookup per loader.
 */
public final class BridgeLinkage {
    private final Class<?> bridge;
    private final Map<ClassLoader, Boolean> answers = new WeakHashMap<>();

    public BridgeLinkage(Class<?> bridge) {
        this.bridge = bridge;
    }

    /** Matches the loaders of classes that may receive advice calling {@code bridge}. */
    public ElementMatcher<ClassLoader> loaders() {
        return this::links;
    }

    boolean links(ClassLoader loader) {
        if (loader == null) {
            return true; // the boot loader defined the bridge
        }
        synchronized (answers) {
            Boolean known = answers.get(loader);
            if (known != null) {
                return known;
            }
        }
        boolean links = resolves(loader);
        synchronized (answers) {
            answers.put(loader, links);
        }
        return links;
    }

    private boolean resolves(ClassLoader loader) {
        try {
            return Class.forName(bridge.getName(), false, loader) == bridge;
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            return false;
        }
    }

    public void forget() {
        synchronized (answers) {
            answers.clear();
        }
    }
}
