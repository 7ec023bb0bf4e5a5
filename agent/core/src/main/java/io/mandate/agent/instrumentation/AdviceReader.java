package io.mandate.agent.instrumentation;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;

/**
 * Advice read from the advice's class file through one type pool the modules share, never by
 * reflection on the loaded advice class.
 * <ul>
 *   <li>{@code Advice.to(Class)} reflects on the advice: Java parses each annotation into a dynamic
 *   proxy (a proxy class spun per annotation type) and Byte Buddy describes the class reflectively.
 *   At premain, where every module builds its advice, that was about a quarter of the main thread's
 *   time; the class file says the same in a fraction of it.</li>
 *   <li>Reflection links the advice class, and linking verifies it: the verifier loads the library
 *   types the advice body names to check its assignments, and the agent loader cannot see the
 *   application's libraries, so advice for OkHttp or LangChain4j would fail with a
 *   NoClassDefFoundError. A description from the class file loads nothing.</li>
 * </ul>
 * The pool's cache holds the advice classes and the few JDK and bridge types their signatures name;
 * they are the agent's own and never unload.
 */
public final class AdviceReader {
    private static final ClassFileLocator AGENT_CLASSES =
            ClassFileLocator.ForClassLoader.of(AdviceReader.class.getClassLoader());
    private static final TypePool ADVICE_TYPES = new TypePool.Default.WithLazyResolution(
            new TypePool.CacheProvider.Simple(), AGENT_CLASSES, TypePool.Default.ReaderMode.FAST);

    private AdviceReader() {
    }

    /** The advice whose {@code @Advice.OnMethodEnter}/{@code OnMethodExit} methods {@code advice} declares. */
    public static Advice of(Class<?> advice) {
        if (advice.getClassLoader() != AdviceReader.class.getClassLoader()) {
            ClassFileLocator locator = ClassFileLocator.ForClassLoader.of(advice.getClassLoader());
            return Advice.to(TypePool.Default.of(locator).describe(advice.getName()).resolve(), locator);
        }
        return Advice.to(ADVICE_TYPES.describe(advice.getName()).resolve(), AGENT_CLASSES);
    }

    /** A transformer that applies advice already read (at install) to every type it is given. */
    public static TypeTransformer applying(AsmVisitorWrapper advised) {
        return (builder, type) -> builder.visit(advised);
    }

    /**
     * A transformer that inlines {@code advice} into the {@code methods} of every type it is given,
     * reading the advice at the first transformation rather than at install: most modules' target
     * classes load late or never, and reading advice at premain is start-up time. Advice does not
     * depend on the type it is inlined into, so what was read serves every later type. Reading it
     * inside a transformer loads no class (the type pool reads class files).
     */
    public static TypeTransformer onFirstUse(Class<?> advice, ElementMatcher<? super MethodDescription> methods) {
        return new FirstUse(advice, methods);
    }

    private static final class FirstUse implements TypeTransformer {
        private final Class<?> advice;
        private final ElementMatcher<? super MethodDescription> methods;
        private volatile AsmVisitorWrapper advised;

        FirstUse(Class<?> advice, ElementMatcher<? super MethodDescription> methods) {
            this.advice = advice;
            this.methods = methods;
        }

        @Override
        public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type) {
            AsmVisitorWrapper read = advised;
            if (read == null) {
                read = of(advice).on(methods); // read twice at worst, by racing threads: the same advice
                advised = read;
            }
            return builder.visit(read);
        }
    }
}
