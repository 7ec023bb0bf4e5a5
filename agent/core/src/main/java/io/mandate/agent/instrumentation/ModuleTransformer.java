package io.mandate.agent.instrumentation;

import io.mandate.bootstrap.CallGuard;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.TypeResolutionStrategy;
import net.bytebuddy.dynamic.VisibilityBridgeStrategy;
import net.bytebuddy.dynamic.scaffold.InstrumentedType;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.pool.TypePool;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;

/**
 * The one class-file transformer of the agent: it applies the rules of every installed module
 * ({@link Transformations}) to each class the JVM loads, and to the classes already loaded when it
 * is installed (premain's JDK classes, or the whole application at a late attach), by
 * retransforming them.
 * <ul>
 *   <li>A class is described from its class file through a type pool, never by loading it: matching
 *   a class that is being loaded must not load another (the class-circularity trap of JDK
 *   instrumentation).</li>
 *   <li>Classes are decorated, never redefined: advice wraps methods and adds no member, so a loaded
 *   class can be retransformed and no method graph of its hierarchy is compiled.</li>
 *   <li>A class loaded while this thread is transforming another (the type pool's or the advice's own
 *   needs) is left as it is, and nothing the transformation does is a call to decide.</li>
 *   <li>A failure to transform one class leaves that class unchanged and is reported, never thrown
 *   into the class loading of the application.</li>
 * </ul>
 * It does with Byte Buddy's type pools, decorating builder and advice what Byte Buddy's
 * {@code AgentBuilder} does, without that builder's own start: on a JVM of Java 9 or later the
 * builder spins a subclass of its transformer with Byte Buddy at first use, and discovers loaded
 * classes through its generic matching; together they were a fifth of the agent's premain.
 */
public final class ModuleTransformer implements ClassFileTransformer {
    /** Names of types no rule may ever match: the agent's own, other agents', JDK machinery. */
    @FunctionalInterface
    public interface IgnoredTypes {
        /** Answers from the binary name and the defining loader alone, so it costs no class-file parse. */
        boolean ignores(String name, ClassLoader loader);
    }

    /** The type pool a class is described with, over the class files {@code classFiles} locates. */
    @FunctionalInterface
    public interface TypePools {
        TypePool typePool(ClassFileLocator classFiles);

        /** A pool per description, caching nothing beyond it. */
        TypePools UNSHARED = classFiles -> new TypePool.Default.WithLazyResolution(
                new TypePool.CacheProvider.Simple(), classFiles, TypePool.Default.ReaderMode.FAST);
    }

    /** Hears what became of the classes rules matched. */
    public interface Listener {
        /** {@code typeName} was transformed, as it loaded or ({@code loaded}) by retransformation. */
        default void transformed(String typeName, boolean loaded) {
        }

        /** {@code typeName} could not be transformed, or retransformed, and runs unchanged. */
        void failed(String typeName, Throwable error);
    }

    // A subclass, not ThreadLocal.withInitial: this is first used at premain, where a lambda's
    // bootstrap is start-up time
    private static final ThreadLocal<boolean[]> TRANSFORMING = new ThreadLocal<>() {
        @Override
        protected boolean[] initialValue() {
            return new boolean[1];
        }
    };

    private final List<Transformations.Rule> rules;
    private final IgnoredTypes ignored;
    private final TypePools pools;
    private final Listener listener;
    private final ByteBuddy byteBuddy = new ByteBuddy()
            .with(TypeValidation.DISABLED)
            // no class format changes: no synthetic members for constants or accessors
            .with(Implementation.Context.Disabled.Factory.INSTANCE)
            .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE)
            .with(VisibilityBridgeStrategy.Default.NEVER)
            .with(InstrumentedType.Factory.Default.FROZEN);

    public ModuleTransformer(List<Transformations> transformations, IgnoredTypes ignored, TypePools pools,
                             Listener listener) {
        List<Transformations.Rule> all = new ArrayList<>();
        for (Transformations module : transformations) {
            all.addAll(module.rules());
        }
        this.rules = List.copyOf(all);
        this.ignored = ignored;
        this.pools = pools;
        this.listener = listener;
    }

    /** Transforms every class loaded from now on, and retransforms the loaded classes a rule matches. */
    public void installOn(Instrumentation instrumentation) {
        instrumentation.addTransformer(this, true);
        retransform(instrumentation, loadedMatches(instrumentation));
    }

    /**
     * Stops transforming and retransforms every loaded class a rule matches back to its original
     * bytecode. True when every one of them was restored.
     */
    public boolean reset(Instrumentation instrumentation) {
        if (!instrumentation.removeTransformer(this)) {
            return false;
        }
        return retransform(instrumentation, loadedMatches(instrumentation));
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classFile) {
        if (internalName == null) {
            return null; // a hidden class: never transformed
        }
        boolean[] transforming = TRANSFORMING.get();
        if (transforming[0]) {
            return null;
        }
        transforming[0] = true;
        CallGuard.enter();
        String name = internalName.replace('/', '.');
        try {
            return ignored.ignores(name, loader) ? null
                    : transform(name, module, loader, classBeingRedefined != null, classFile);
        } catch (Throwable error) { // the JVM would drop it silently; the class runs unchanged
            listener.failed(name, error);
            return null;
        } finally {
            CallGuard.exit();
            transforming[0] = false;
        }
    }

    private byte[] transform(String name, Module module, ClassLoader loader, boolean loaded, byte[] classFile) {
        ClassFileLocator classFiles = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(name, classFile),
                ClassFileLocator.ForClassLoader.of(loader));
        TypePool pool = pools.typePool(classFiles);
        TypeDescription type = pool.describe(name).resolve();
        List<TypeTransformer> matched = matching(type, loader, module);
        if (matched.isEmpty()) {
            return null;
        }
        DynamicType.Builder<?> builder = byteBuddy.decorate(type, classFiles);
        for (TypeTransformer transformer : matched) {
            builder = transformer.transform(builder, type);
        }
        byte[] transformed = builder.make(TypeResolutionStrategy.Disabled.INSTANCE, pool).getBytes();
        listener.transformed(name, loaded);
        return transformed;
    }

    private List<TypeTransformer> matching(TypeDescription type, ClassLoader loader, Module module) {
        List<TypeTransformer> matched = null;
        for (Transformations.Rule rule : rules) {
            if (rule.matches(type, loader, module)) {
                if (matched == null) {
                    matched = new ArrayList<>();
                }
                matched.addAll(rule.transformers());
            }
        }
        return matched == null ? List.of() : matched;
    }

    /**
     * The loaded classes some rule matches. The name and the loader rule most out first, so that of
     * the thousands of classes loaded at premain only the few the modules name are read and described.
     */
    private List<Class<?>> loadedMatches(Instrumentation instrumentation) {
        List<Class<?>> matches = new ArrayList<>();
        boolean[] transforming = TRANSFORMING.get();
        transforming[0] = true; // classes the descriptions load meanwhile are loaded unchanged, as in transform
        CallGuard.enter();
        try {
            for (Class<?> type : instrumentation.getAllLoadedClasses()) {
                if (type.isArray() || type.isPrimitive() || type.isHidden()) {
                    continue;
                }
                ClassLoader loader = type.getClassLoader();
                String name = type.getName();
                if (ignored.ignores(name, loader) || !instrumentation.isModifiableClass(type)) {
                    continue;
                }
                try {
                    if (!matching(describe(type, loader), loader, type.getModule()).isEmpty()) {
                        matches.add(type);
                    }
                } catch (RuntimeException | LinkageError error) {
                    listener.failed(name, error);
                }
            }
        } finally {
            CallGuard.exit();
            transforming[0] = false;
        }
        return matches;
    }

    private TypeDescription describe(Class<?> type, ClassLoader loader) {
        TypePool.Resolution resolution = pools.typePool(ClassFileLocator.ForClassLoader.of(loader))
                .describe(type.getName());
        // a class whose loader serves no class file (generated at run time) is described as loaded
        return resolution.isResolved() ? resolution.resolve() : TypeDescription.ForLoadedType.of(type);
    }

    /** All at once; should that fail, one by one, so that one class the JVM refuses spoils no other. */
    private boolean retransform(Instrumentation instrumentation, List<Class<?>> types) {
        if (types.isEmpty()) {
            return true;
        }
        try {
            instrumentation.retransformClasses(types.toArray(new Class<?>[0]));
            return true;
        } catch (Throwable batchFailed) { // retransformClasses changes no class when it throws
            boolean all = true;
            for (Class<?> type : types) {
                try {
                    instrumentation.retransformClasses(type);
                } catch (Throwable error) {
                    listener.failed(type.getName(), error);
                    all = false;
                }
            }
            return all;
        }
    }
}
