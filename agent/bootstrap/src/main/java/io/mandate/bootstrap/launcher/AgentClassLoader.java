package io.mandate.bootstrap.launcher;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The isolated loader of everything that is not the bootstrap bridge: the agent core, the journal,
 * the instrumentation modules, the policy library and their third-party libraries. They sit in the
 * agent jar under {@code inst/} with {@code .class} renamed {@code .classdata}, so the application's
 * class path scanners (which see the agent jar: the JVM puts it on the system class path) find
 * nothing there, and no application loader can load them.
 *
 * Its parent is the platform loader: JDK classes and the boot class path (where the bootstrap bridge
 * lives) are visible, the application's classes are not.
 *
 * Multi-release libraries keep their {@code META-INF/versions/N/} entries under {@code inst/}: a
 * name resolves to the entry of the highest version the running JDK supports, as a multi-release jar
 * would. A resource named {@code X.class} is served from {@code X.classdata}, because Byte Buddy and
 * other libraries read class files as resources.
 */
public final class AgentClassLoader extends ClassLoader {
    static final String PREFIX = "inst/";
    private static final String VERSIONS = PREFIX + "META-INF/versions/";
    /**
     * The entries of the version folders, one per line as {@code N/path}, written by the build so
     * that the start does not scan the jar's thousands of entries for them; a jar without it is
     * scanned.
     */
    static final String VERSIONED_ENTRIES = "META-INF/mandate/versioned-entries.txt";
    private static final String CLASS_SUFFIX = ".class";
    private static final String CLASSDATA_SUFFIX = ".classdata";

    static {
        registerAsParallelCapable();
    }

    private final JarFile jar;
    private final String jarUrlPrefix;
    private final ProtectionDomain protectionDomain;
    /**
     * The entries of the version folders the running JDK may use, by their path inside the folder
     * (the highest version's where several have one): a lookup is one map probe, not a failed jar
     * lookup per version folder before the base entry, for each of the ~1,500 classes and class
     * files the start reads.
     */
    private final Map<String, JarEntry> versioned;

    public AgentClassLoader(JarFile jar, File jarLocation, ClassLoader parent) {
        super("mandate-agent", parent);
        this.jar = jar;
        try {
            URL location = jarLocation.toURI().toURL();
            this.jarUrlPrefix = "jar:" + location.toExternalForm() + "!/";
            this.protectionDomain = new ProtectionDomain(new CodeSource(location, (Certificate[]) null), null, this,
                    null);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("agent jar location " + jarLocation, e);
        }
        this.versioned = usableVersionedEntries(jar, Runtime.version().feature());
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        String path = name.replace('.', '/') + CLASSDATA_SUFFIX;
        JarEntry entry = find(path);
        if (entry == null) {
            throw new ClassNotFoundException(name);
        }
        byte[] bytes;
        try (InputStream in = jar.getInputStream(entry)) {
            bytes = readEntry(in, entry.getSize());
        } catch (IOException e) {
            throw new ClassNotFoundException(name + ": cannot read " + entry.getName() + " from the agent jar", e);
        }
        definePackageOf(name);
        return defineClass(name, bytes, 0, bytes.length, protectionDomain);
    }

    @Override
    protected URL findResource(String name) {
        JarEntry entry = find(entryName(name));
        if (entry == null) {
            return null;
        }
        try {
            return new URL(jarUrlPrefix + entry.getName());
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Byte Buddy reads class files this way for every type it describes (the advice and the agent's
     * own types at start). The class file of one of the agent's own classes ({@code inst/**.classdata})
     * is answered from the jar at once, without building and opening a {@code jar:} URL and without
     * asking the parent first, which searched the boot class path and every platform module for each
     * (no agent class has a namesake there, so {@link #loadClass} finds the same class: isolation
     * argues for it too). Any other name gets the parent's answer first, as before.
     */
    @Override
    public InputStream getResourceAsStream(String name) {
        JarEntry entry = null;
        if (name.endsWith(CLASS_SUFFIX)) {
            entry = find(entryName(name));
        }
        if (entry == null) {
            if (getParent().getResource(name) != null) {
                return super.getResourceAsStream(name);
            }
            entry = find(entryName(name));
            if (entry == null) {
                return null;
            }
        }
        try {
            return jar.getInputStream(entry);
        } catch (IOException e) {
            return null; // as getResourceAsStream reports an unreadable resource
        }
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL url = findResource(name);
        return url == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(url));
    }

    /** The jar entry a resource or class-file name resolves to, honouring multi-release folders. */
    JarEntry find(String path) {
        if (path.startsWith("/")) {
            return null;
        }
        JarEntry forThisRuntime = versioned.get(path);
        return forThisRuntime != null ? forThisRuntime : jar.getJarEntry(PREFIX + path);
    }

    /**
     * The entry's bytes in one array of its recorded size. {@code readAllBytes} reads in 8 KiB
     * chunks and copies them into the result: for the ~2,000 classes the agent defines, 11 MB of
     * garbage at start-up instead of 4, and every young collection it brings forward lets G1 grow
     * the application's young generation sooner.
     */
    static byte[] readEntry(InputStream in, long recordedSize) throws IOException {
        if (recordedSize < 0 || recordedSize > Integer.MAX_VALUE - 8) {
            return in.readAllBytes();
        }
        byte[] bytes = new byte[(int) recordedSize];
        int read = in.readNBytes(bytes, 0, bytes.length);
        if (read != bytes.length || in.read() != -1) {
            throw new IOException("the entry is not the " + recordedSize + " bytes the jar records (read " + read + ")");
        }
        return bytes;
    }

    private static String entryName(String resourceName) {
        return resourceName.endsWith(CLASS_SUFFIX)
                ? resourceName.substring(0, resourceName.length() - CLASS_SUFFIX.length()) + CLASSDATA_SUFFIX
                : resourceName;
    }

    private void definePackageOf(String className) {
        int dot = className.lastIndexOf('.');
        if (dot < 0) {
            return;
        }
        String packageName = className.substring(0, dot);
        if (getDefinedPackage(packageName) == null) {
            try {
                definePackage(packageName, null, null, null, null, null, null, null);
            } catch (IllegalArgumentException definedConcurrently) {
                // another thread defined it between the check and here: the package exists, as wanted
            }
        }
    }

    private static Map<String, JarEntry> usableVersionedEntries(JarFile jar, int runtimeFeature) {
        // Plain loops, no streams or lambdas: this runs at premain, where every first use of a JDK
        // facility is startup time the application pays.
        Map<String, JarEntry> highest = new HashMap<>();
        JarEntry listed = jar.getJarEntry(VERSIONED_ENTRIES);
        if (listed == null) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                keepIfHigherUsable(highest, entries.nextElement(), runtimeFeature);
            }
            return highest;
        }
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(jar.getInputStream(listed),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JarEntry entry = line.isEmpty() ? null : jar.getJarEntry(VERSIONS + line);
                if (entry != null) {
                    keepIfHigherUsable(highest, entry, runtimeFeature);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + VERSIONED_ENTRIES + " from the agent jar", e);
        }
        return highest;
    }

    /** Keeps {@code entry} for its path when its release folder is usable and higher than the one kept. */
    private static void keepIfHigherUsable(Map<String, JarEntry> highest, JarEntry entry, int runtimeFeature) {
        String name = entry.getName();
        Integer release = releaseOf(name);
        if (release == null || release > runtimeFeature) {
            return;
        }
        String path = name.substring(name.indexOf('/', VERSIONS.length()) + 1);
        JarEntry kept = highest.get(path);
        if (kept == null || releaseOf(kept.getName()) < release) {
            highest.put(path, entry);
        }
    }

    /** The release of the version folder {@code name} is a file of; null for any other name. */
    private static Integer releaseOf(String name) {
        int slash = name.startsWith(VERSIONS) ? name.indexOf('/', VERSIONS.length()) : -1;
        if (slash <= VERSIONS.length() || slash == name.length() - 1) {
            return null; // not in a version folder, or the folder itself
        }
        try {
            return Integer.parseInt(name, VERSIONS.length(), slash, 10);
        } catch (NumberFormatException notAVersionFolder) {
            return null; // only numeric folders are release versions
        }
    }

    @Override
    public String toString() {
        return "mandate-agent class loader over " + jar.getName();
    }
}
