package io.mandate.agent.startup;

import java.util.Iterator;
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
 * again. The cache keeps the JDK types used last, at most {@value #JDK_TYPES_KEPT} of them declaring
 * at most {@value #JDK_METHODS_KEPT} methods together: a described type holds a few small maps per
 * method, and among the JDK types a JDBC application had described were large classes (BigDecimal,
 * BigInteger, String, Class, Calendar) that hierarchy walks never need: kept by count alone, 79
 * types held the descriptions of ~2,400 methods. Each application loader's own types are cached
 * only for the one transformation, so no application class loader is retained.
 */
final class SharedJdkTypePool implements ModuleTransformer.TypePools {
    static final int JDK_TYPES_KEPT = 256;
    static final int JDK_METHODS_KEPT = 1024;

    private final TypePool jdkTypes = new TypePool.Default.WithLazyResolution(
            new JdkTypesCache(JDK_TYPES_KEPT, JDK_METHODS_KEPT), ClassFileLocator.ForClassLoader.ofBootLoader(),
            TypePool.Default.ReaderMode.FAST);

    @Override
    public TypePool typePool(ClassFileLocator classFiles) {
        return new TypePool.Default.WithLazyResolution(new TypePool.CacheProvider.Simple(), classFiles,
                TypePool.Default.ReaderMode.FAST, jdkTypes);
    }

    /**
     * Keeps resolved JDK types only, the most recently used first, within a number of types and a
     * number of declared methods (the weight of a description): the parent pool is asked first for
     * every name, application types included, and remembering each of those misses would grow with
     * the application. A type declaring more methods than the whole budget is never kept.
     * java.lang.Object, which every hierarchy ends in, is never evicted.
     */
    static final class JdkTypesCache implements TypePool.CacheProvider {
        private static final String OBJECT = Object.class.getName();
        private static final TypePool.Resolution OBJECT_RESOLUTION =
                new TypePool.Resolution.Simple(TypeDescription.ForLoadedType.of(Object.class));

        private final Map<String, TypePool.Resolution> recent = new LinkedHashMap<>(64, 0.75f, true);
        private final int maxTypes;
        private final int maxMethods;
        private int methods; // of the types in recent; guarded by recent

        JdkTypesCache(int maxTypes, int maxMethods) {
            this.maxTypes = maxTypes;
            this.maxMethods = maxMethods;
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
            int weight = weightOf(resolution);
            if (weight > maxMethods) {
                return resolution;
            }
            synchronized (recent) {
                TypePool.Resolution known = recent.putIfAbsent(name, resolution);
                if (known != null) {
                    return known;
                }
                methods += weight;
                for (Iterator<TypePool.Resolution> eldest = recent.values().iterator();
                     recent.size() > maxTypes || methods > maxMethods; ) {
                    methods -= weightOf(eldest.next());
                    eldest.remove();
                }
                return resolution;
            }
        }

        @Override
        public void clear() {
            synchronized (recent) {
                recent.clear();
                methods = 0;
            }
        }

        int size() {
            synchronized (recent) {
                return recent.size();
            }
        }

        int methods() {
            synchronized (recent) {
                return methods;
            }
        }

        static int weightOf(TypePool.Resolution resolution) {
            return resolution.resolve().getDeclaredMethods().size();
        }
    }
}
