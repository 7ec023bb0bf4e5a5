package io.mandate.agent.startup;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Type pools whose parent describes boot-loader (JDK) types from one shared cache. Matching a
 * class against a sub-type matcher walks its hierarchy into java.lang.Object and the JDK interfaces;
 * without a shared cache every class load and every retransformed class would parse those class files
 * again. Boot types never unload and the JDK is finite, so the shared cache cannot grow without end;
 * each application loader's own types are cached only for the one transformation, so no application
 * class loader is retained.
 */
final class SharedJdkTypePool implements AgentBuilder.PoolStrategy {
    private final TypePool jdkTypes = new TypePool.Default.WithLazyResolution(new JdkTypesCache(),
            ClassFileLocator.ForClassLoader.ofBootLoader(), TypePool.Default.ReaderMode.FAST);

    @Override
    public TypePool typePool(ClassFileLocator classFileLocator, ClassLoader classLoader) {
        return new TypePool.Default.WithLazyResolution(new TypePool.CacheProvider.Simple(), classFileLocator,
                TypePool.Default.ReaderMode.FAST, jdkTypes);
    }

    @Override
    public TypePool typePool(ClassFileLocator classFileLocator, ClassLoader classLoader, String name) {
        return typePool(classFileLocator, classLoader);
    }

    /**
     * Keeps resolved JDK types only: the parent pool is asked first for every name, application
     * types included, and remembering each of those misses would grow with the application.
     */
    private static final class JdkTypesCache extends TypePool.CacheProvider.Simple {
        JdkTypesCache() {
            super();
            register(Object.class.getName(), new TypePool.Resolution.Simple(TypeDescription.ForLoadedType.of(Object.class)));
        }

        @Override
        public TypePool.Resolution register(String name, TypePool.Resolution resolution) {
            return resolution.isResolved() ? super.register(name, resolution) : resolution;
        }
    }
}
