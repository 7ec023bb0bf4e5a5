package io.mandate.agent.startup;

import java.util.LinkedHashMap;
import java.util.Map;

import io.mandate.agent.instrumentation.ModuleTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Type pools whose parent describes boot-loader (JDK) types from one shared cache. Matching a
 * class against a sub-type matcher walks its hierarchy into java.lang.Object and the JDK interfaces;
 * without a shared cache every class load and every retransformed class would parse those class files
 * again. The cache keeps the {@value #JDK_TYPES_KEPT} JDK types used last: a described type holds a
 * few dozen small maps per method, and keeping every type the agent ever described (the large JDK
 * classes it retransforms at premain among them) held 5 MiB of the heap for good. Each application
 * loader's own types are cached only for the one transformation, so no application class loader is
 * retained.
 */
final class SharedJdkTypePool implements ModuleTransformer.TypePools {
    static final int JDK_TYPES_KEPT = 256;

    private final TypePool jdkTypes = new TypePool.Default.WithLazyResolution(new JdkTypesCache(JDK_TYPES_KEPT),
            ClassFileLocator.ForClassLoader.ofBootLoader(), TypePool.Default.ReaderMode.FAST);

    @Override
    public TypePool typePool(ClassFileLocator classFiles) {
        return new TypePool.Default.WithLazyResolution(new TypePool.CacheProvider.Simple(), classFiles,
                TypePool.Default.ReaderMode.FAST, jdkTypes);
    }

    /**
     * Keeps resolved JDK types only, the most recently used first: the parent pool is asked first for
     * every name, application types included, and remembering each of those misses would grow with
     * the application. java.lang.Object, which every hierarchy ends in, is never evicted.
     */
    static final class JdkTypesCache implements TypePool.CacheProvider {
        private static final String OBJECT = Object.class.getName();
        private static final TypePool.Resolution OBJECT_RESOLUTION =
                new TypePool.Resolution.Simple(TypeDescription.ForLoadedType.of(Object.class));

        private final Map<String, TypePool.Resolution> recent;

        JdkTypesCache(int capacity) {
            this.recent = new LinkedHashMap<String, TypePool.Resolution>(capacity * 2, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, TypePool.Resolution> eldest) {
                    return size() > capacity;
                }
            };
        }

        @Override
        public TypePool.Resolution find(String name) {
            if (OBJECT.equals(name)) {
                return OBJECT_RESOLUTION;
            }
            synchronized (recent) {
                return recent.get(name);
            }
        }

        @Override
        public TypePool.Resolution register(String name, TypePool.Resolution resolution) {
            if (!resolution.isResolved() || OBJECT.equals(name)) {
                return resolution;
            }
            synchronized (recent) {
                TypePool.Resolution known = recent.putIfAbsent(name, resolution);
                return known == null ? resolution : known;
            }
        }

        @Override
        public void clear() {
            synchronized (recent) {
                recent.clear();
            }
        }

        int size() {
            synchronized (recent) {
                return recent.size();
            }
        }
    }
}
