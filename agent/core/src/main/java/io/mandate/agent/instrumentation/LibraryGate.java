package io.mandate.agent.instrumentation;

import io.mandate.api.Mandate;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Where a third-party library's instrumentation applies, for advice inlined into the library's own
 * classes (agent frameworks, whose versions move fast):
 * <ul>
 *   <li>{@link #loaders()}: class loaders that hold the library and link the public API on the boot
 *   class path (the advice calls it), answered once per loader; every other loader's classes are not
 *   even described to the module's type matchers;</li>
 *   <li>{@link #declares}: a library type is advised only while it still declares the methods the advice
 *   was written for. A version that renamed or removed one is left alone, and one line on standard
 *   error says which type lacks which method, once per type name: the application runs on, its tool
 *   calls simply are not steps, and the operator learns why.</li>
 * </ul>
 */
public final class LibraryGate {
    private static final int MAX_REPORTED = 64;

    private final String module;
    private final String probeResource;
    private final Consumer<String> log;
    private final Map<ClassLoader, Boolean> answers = new WeakHashMap<>();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    /**
     * @param module       the instrumentation module's name, for the log line
     * @param libraryClass a class every supported version of the library has, to recognise its loaders
     */
    public LibraryGate(String module, String libraryClass) {
        this(module, libraryClass, line -> System.err.println(line));
    }

    LibraryGate(String module, String libraryClass, Consumer<String> log) {
        this.module = module;
        this.probeResource = libraryClass.replace('.', '/') + ".class";
        this.log = log;
    }

    /** Loaders that see the library and the boot class path's {@link Mandate}. */
    public ElementMatcher<ClassLoader> loaders() {
        return this::applies;
    }

    /**
     * Matches a type that declares a method {@code methods} matches; otherwise reports
     * {@code method} missing from it (once) and does not match.
     */
    public ElementMatcher.Junction<TypeDescription> declares(String method,
                                                            ElementMatcher<? super MethodDescription.InDefinedShape> methods) {
        return new ElementMatcher.Junction.AbstractBase<TypeDescription>() {
            @Override
            public boolean matches(TypeDescription type) {
                if (!type.getDeclaredMethods().filter(methods).isEmpty()) {
                    return true;
                }
                skipped(type.getName(), method);
                return false;
            }
        };
    }

    void skipped(String type, String method) {
        String key = type + '#' + method;
        if (reported.size() < MAX_REPORTED && reported.add(key)) {
            log.accept("mandate: " + module + ": " + type + " has no " + method
                    + "; left uninstrumented (a library version this agent does not support)");
        }
    }

    boolean applies(ClassLoader loader) {
        if (loader == null) {
            return false;
        }
        synchronized (answers) {
            Boolean known = answers.get(loader);
            if (known != null) {
                return known;
            }
        }
        boolean applies = holdsLibrary(loader) && linksApi(loader);
        synchronized (answers) {
            answers.put(loader, applies);
        }
        return applies;
    }

    private boolean holdsLibrary(ClassLoader loader) {
        try {
            return loader.getResource(probeResource) != null;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static boolean linksApi(ClassLoader loader) {
        try {
            return Class.forName(Mandate.class.getName(), false, loader) == Mandate.class;
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            return false;
        }
    }

    /** Forgets every loader's answer (detach). */
    public void forget() {
        synchronized (answers) {
            answers.clear();
        }
    }
}
