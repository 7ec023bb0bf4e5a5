package io.mandate.agent.instrumentation.jdbc;

import io.mandate.bootstrap.jdbc.JdbcDispatch;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * Only classes that can link against the bridge may receive advice calling it: their loader must
 * resolve io.mandate.bootstrap.jdbc.JdbcDispatch to the very class the hooks were installed on
 * (OSGi-style loaders that do not delegate to the boot loader, or an application that shades its
 * own copy, fail this), and a named module must read the bridge's module. Answers are cached per
 * loader, weakly.
 *
 * The boot and platform loaders are skipped: they hold no JDBC driver (java.sql itself is the
 * platform's), and skipping them spares a hierarchy walk for every JDK class.
 */
final class BridgeVisibility {
    private final Map<ClassLoader, Boolean> answers = new WeakHashMap<>();
    private final ClassLoader platform = ClassLoader.getPlatformClassLoader();

    ElementMatcher<ClassLoader> loaders() {
        return this::canSeeBridge;
    }

    ElementMatcher<Module> modules() {
        Module bridge = JdbcDispatch.class.getModule();
        return module -> module == null || !module.isNamed() || module.canRead(bridge);
    }

    boolean canSeeBridge(ClassLoader loader) {
        if (loader == null || loader == platform) {
            return false;
        }
        synchronized (answers) {
            Boolean known = answers.get(loader);
            if (known != null) {
                return known;
            }
        }
        boolean visible = resolvesBridge(loader);
        synchronized (answers) {
            answers.put(loader, visible);
        }
        return visible;
    }

    private static boolean resolvesBridge(ClassLoader loader) {
        try {
            return Class.forName(JdbcDispatch.class.getName(), false, loader) == JdbcDispatch.class;
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            return false;
        }
    }

    void forget() {
        synchronized (answers) {
            answers.clear();
        }
    }
}
