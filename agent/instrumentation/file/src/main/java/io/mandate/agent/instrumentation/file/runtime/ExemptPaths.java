package io.mandate.agent.instrumentation.file.runtime;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The file accesses that are never decided, fixed when the agent starts:
 * <ul>
 *   <li><b>the JVM reading itself</b>: reads under {@code java.home} (the runtime image, jmods,
 *   {@code conf/}, security and time-zone data), reads of the class path, module path and appended
 *   boot class path (each jar, and anything under a class directory, listing included), and reads of
 *   {@code /dev/random} and {@code /dev/urandom} (SecureRandom);</li>
 *   <li>{@code /dev/null}, read or written: nothing is read from it and nothing written leaves;</li>
 *   <li><b>the agent's own files</b>, the journal directory and the policy file, when the agent's own
 *   threads touch them (threads whose context class loader is the agent's: the journal writer and
 *   the threads it starts). The application touching them is decided like any other access.</li>
 * </ul>
 * Matched on the path as the application gave it (made absolute), never on one that climbs with
 * {@code ..}: the JVM names these files directly, and a {@code ..} could lead anywhere. Symbolic links
 * inside these directories are not followed for the check: whoever can plant one there (below
 * java.home or a class directory) can already change the code the JVM runs, and writes there are
 * decided.
 */
public final class ExemptPaths {
    private final List<String> readDirectories = new ArrayList<>();
    private final Set<String> readFiles = new HashSet<>();
    private final Set<String> discardFiles = new HashSet<>();
    private final List<String> agentDirectories = new ArrayList<>();
    private final Set<String> agentFiles = new HashSet<>();
    private final ClassLoader agentLoader;

    /**
     * @param jvmPaths        java.home, then class path, module path and boot class path entries
     * @param agentDirectory  the journal directory, or null
     * @param agentFile       the policy file, or null
     * @param agentLoader     the agent's class loader: threads whose context loader it is are the agent's own
     */
    public ExemptPaths(List<String> jvmPaths, Path agentDirectory, Path agentFile, ClassLoader agentLoader,
                       String workingDirectory) {
        this.agentLoader = agentLoader;
        for (String entry : jvmPaths) {
            if (entry == null || entry.isEmpty()) {
                continue;
            }
            for (String form : forms(entry, workingDirectory)) {
                if (Files.isDirectory(Path.of(form))) {
                    readDirectories.add(form);
                } else {
                    readFiles.add(form);
                }
            }
        }
        readFiles.add("/dev/random");
        readFiles.add("/dev/urandom");
        discardFiles.add("/dev/null");
        if (agentDirectory != null) {
            agentDirectories.addAll(forms(agentDirectory.toString(), workingDirectory));
        }
        if (agentFile != null) {
            agentFiles.addAll(forms(agentFile.toString(), workingDirectory));
        }
    }

    /** The standard JVM paths of this process: java.home, class path, module path, appended boot class path. */
    public static List<String> jvmPaths() {
        List<String> paths = new ArrayList<>();
        String javaHome = System.getProperty("java.home");
        paths.add(javaHome);
        if (javaHome != null && !javaHome.isEmpty()) {
            paths.addAll(configurationLinks(Path.of(javaHome)));
        }
        for (String property : new String[] {"java.class.path", "jdk.module.path", "jdk.boot.class.path.append"}) {
            String value = System.getProperty(property);
            if (value != null) {
                for (String entry : value.split(File.pathSeparator)) {
                    paths.add(entry);
                }
            }
        }
        return paths;
    }

    /**
     * The symbolic links under java.home's {@code conf/}: Debian and Ubuntu link {@code conf/net.properties},
     * {@code logging.properties} and others to {@code /etc/java-N-openjdk/}, and the JDK reads some of them by
     * their canonical path ({@code sun.net.NetProperties} opens the target itself), so their targets are the
     * JVM reading itself too. Only what java.home's own links name, which whoever installed the JDK planted;
     * as {@link #forms} adds each link's real path, the target is exempt for reading, never for changes.
     */
    static List<String> configurationLinks(Path javaHome) {
        List<String> links = new ArrayList<>();
        try (Stream<Path> entries = Files.walk(javaHome.resolve("conf"), 4)) {
            entries.filter(Files::isSymbolicLink).forEach(link -> links.add(link.toString()));
        } catch (IOException | RuntimeException e) {
            // no conf/ (a trimmed runtime image): nothing links out of java.home
        }
        return links;
    }

    /** True when reading (or listing) {@code absolute} is never decided. */
    public boolean readExempt(String absolute) {
        if (LexicalPaths.climbs(absolute)) {
            return false;
        }
        if (readFiles.contains(absolute) || discardFiles.contains(absolute)) {
            return true;
        }
        for (String directory : readDirectories) {
            if (LexicalPaths.isWithin(absolute, directory)) {
                return true;
            }
        }
        return agentOwn(absolute);
    }

    /** True when any other access to {@code absolute} (write, create, delete, rename) is never decided. */
    public boolean changeExempt(String absolute) {
        if (LexicalPaths.climbs(absolute)) {
            return false;
        }
        return discardFiles.contains(absolute) || agentOwn(absolute);
    }

    private boolean agentOwn(String absolute) {
        if (agentDirectories.isEmpty() && agentFiles.isEmpty()) {
            return false;
        }
        boolean named = agentFiles.contains(absolute);
        for (int i = 0; !named && i < agentDirectories.size(); i++) {
            named = LexicalPaths.isWithin(absolute, agentDirectories.get(i));
        }
        return named && Thread.currentThread().getContextClassLoader() == agentLoader;
    }

    /** The path made absolute and clean, and its real path when that differs (java.home is often a link). */
    private static List<String> forms(String entry, String workingDirectory) {
        List<String> forms = new ArrayList<>(2);
        String lexical = LexicalPaths.absolute(entry, workingDirectory);
        forms.add(lexical);
        try {
            String real = Path.of(lexical).toRealPath().toString();
            if (!real.equals(lexical)) {
                forms.add(real);
            }
        } catch (IOException | RuntimeException e) {
            // missing now: the lexical form is all there is to match
        }
        return forms;
    }
}
