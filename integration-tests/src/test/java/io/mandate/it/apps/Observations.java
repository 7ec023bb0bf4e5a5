package io.mandate.it.apps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a forked test app tells the test what it saw: one "key TAB value" line per observation in
 * the file the harness names with {@value #FILE_PROPERTY}. A file rather than stdout, because the
 * agent must leave stdout empty and the tests assert that; rather than stderr, because the agent
 * and the JVM write there too.
 *
 * Runs inside the forked app: JDK types only.
 */
public final class Observations {
    // Not under "mandate.": the agent owns that namespace and rejects keys it does not know.
    public static final String FILE_PROPERTY = "it.observations";

    private Observations() {
    }

    /** Appends one observation; a key may be recorded more than once, order is kept. */
    public static synchronized void record(String key, Object value) {
        String file = System.getProperty(FILE_PROPERTY);
        if (file == null) {
            System.err.println("[observation] " + key + " = " + value);
            return;
        }
        String line = escape(key) + '\t' + escape(String.valueOf(value)) + '\n';
        try {
            harnessIo(() -> Files.writeString(Paths.get(file), line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record observation " + key, e);
        }
    }

    /** File I/O of the harness's protocol with a forked app, which the app under test does not do. */
    public interface HarnessFileIo<T> {
        T run() throws IOException;
    }

    /**
     * Runs the harness's own file I/O (observations, a test's step files) inside the agent's guard
     * when there is an agent ({@link HarnessIo}), so it is neither decided nor journaled.
     */
    public static <T> T harnessIo(HarnessFileIo<T> io) throws IOException {
        boolean outside = HarnessIo.enter();
        try {
            return io.run();
        } finally {
            HarnessIo.exit(outside);
        }
    }

    /**
     * Writing an observation is the harness talking, not the app under test: with the agent's file
     * interception on, it would be decided (and denied by a test's default-deny policy) and journaled
     * inside the app's chains. So it runs inside the agent's re-entrancy guard, as the agent's own I/O
     * does, when the agent's bridge is on the boot class path.
     */
    private static final class HarnessIo {
        /** CallGuard's enter and exit, once the bridge is there (a late attach puts it there mid-run). */
        private static volatile java.lang.reflect.Method[] guard;

        static boolean enter() {
            java.lang.reflect.Method[] methods = guard();
            if (methods == null) {
                return false;
            }
            try {
                methods[0].invoke(null);
                return true;
            } catch (ReflectiveOperationException e) {
                return false;
            }
        }

        static void exit(boolean entered) {
            if (entered) {
                try {
                    guard[1].invoke(null);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot leave the agent's guard", e);
                }
            }
        }

        private static java.lang.reflect.Method[] guard() {
            java.lang.reflect.Method[] methods = guard;
            if (methods == null) {
                try {
                    Class<?> type = Class.forName("io.mandate.bootstrap.CallGuard", true, null);
                    methods = new java.lang.reflect.Method[] {type.getMethod("enter"), type.getMethod("exit")};
                    guard = methods;
                } catch (ReflectiveOperationException | LinkageError e) {
                    return null; // no agent in this JVM (yet): nothing to step outside of
                }
            }
            return methods;
        }
    }

    /** Keeps one observation on one line whatever it contains. */
    public static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    public static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(switch (next) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Reads the observations file back (used by the harness in the JUnit JVM). */
    public static List<Map.Entry<String, String>> read(Path file) throws IOException {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        if (!Files.exists(file)) {
            return entries;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int tab = line.indexOf('\t');
            if (tab < 0) {
                continue;
            }
            entries.add(Map.entry(unescape(line.substring(0, tab)), unescape(line.substring(tab + 1))));
        }
        return entries;
    }
}
