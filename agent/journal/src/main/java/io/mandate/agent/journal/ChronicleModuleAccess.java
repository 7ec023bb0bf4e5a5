package io.mandate.agent.journal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JDK packages the journal's Chronicle needs on JDK 17+, as module name to package names.
 * The agent grants them to the module that holds Chronicle with
 * {@code Instrumentation.redefineModule(javaBase, Set.of(), exports, opens, Set.of(), Map.of())};
 * tests and tools that run the journal on a plain class path pass {@link #jvmFlags()} instead.
 *
 * <p>Measured on JDK 17.0.15 and Temurin 25 with the journal's trimmed dependency set, by removing
 * one grant at a time from a wider list while writing, flushing, closing and reading a journal
 * with Chronicle's logging at debug level:
 * <ul>
 * <li>{@code java.lang.reflect} opened: Chronicle makes private JDK methods such as
 *     {@code FileChannelImpl.map0} callable by flipping {@code AccessibleObject}'s override flag,
 *     which it locates by reflection on that package; without it no file can be mapped and the
 *     queue cannot be opened.</li>
 * <li>{@code sun.nio.ch} exported: Chronicle links against {@code FileChannelImpl} directly; without
 *     it the first mapping fails with an IllegalAccessError.</li>
 * <li>{@code jdk.internal.ref} exported: Chronicle unmaps released files through the JDK's cleaner;
 *     without it Chronicle warns and leaves the mappings to the garbage collector.</li>
 * </ul>
 * {@code java.lang}, {@code java.nio}, {@code java.util}, {@code java.io}, {@code jdk.internal.misc}
 * and {@code sun.misc} made no difference on either JDK, so they are not requested.
 */
public final class ChronicleModuleAccess {
    private static final Map<String, Set<String>> OPENS = Map.of("java.base", Set.of("java.lang.reflect"));
    private static final Map<String, Set<String>> EXPORTS = Map.of("java.base", Set.of("sun.nio.ch", "jdk.internal.ref"));

    private ChronicleModuleAccess() {
    }

    /** Module name → packages to open (deep reflection) to the module holding Chronicle. */
    public static Map<String, Set<String>> opens() {
        return OPENS;
    }

    /** Module name → packages to export to the module holding Chronicle. */
    public static Map<String, Set<String>> exports() {
        return EXPORTS;
    }

    /** The same grants as command-line flags for code on the class path (tests, the CLI, JMH forks). */
    public static List<String> jvmFlags() {
        List<String> flags = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : sorted(OPENS).entrySet()) {
            for (String pkg : e.getValue()) {
                flags.add("--add-opens=" + e.getKey() + "/" + pkg + "=ALL-UNNAMED");
            }
        }
        for (Map.Entry<String, Set<String>> e : sorted(EXPORTS).entrySet()) {
            for (String pkg : e.getValue()) {
                flags.add("--add-exports=" + e.getKey() + "/" + pkg + "=ALL-UNNAMED");
            }
        }
        return Collections.unmodifiableList(flags);
    }

    private static Map<String, Set<String>> sorted(Map<String, Set<String>> grants) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        grants.keySet().stream().sorted().forEach(module ->
                out.put(module, new LinkedHashSet<>(grants.get(module).stream().sorted().toList())));
        return out;
    }
}
