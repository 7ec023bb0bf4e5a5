package io.mandate.it.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds what a forked app may put on its class path among the JUnit JVM's own entries: this
 * module's compiled test classes and library jars named by their Maven artifact.
 */
final class TestClasspath {
    private TestClasspath() {
    }

    /** This module's target/test-classes, where the test apps are compiled. */
    static Path testClassesDirectory() {
        String configured = System.getProperty("mandate.it.testClasses");
        Path dir = configured != null ? Paths.get(configured) : Paths.get("target", "test-classes");
        dir = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("test classes directory not found: " + dir);
        }
        return dir;
    }

    /** This module's target directory: forked JVMs' work directories go under it. */
    static Path buildDirectory() {
        String configured = System.getProperty("mandate.it.buildDir");
        return (configured != null ? Paths.get(configured) : Paths.get("target")).toAbsolutePath().normalize();
    }

    /**
     * The jar of {@code artifactName} ("h2" finds h2-2.3.232.jar, not h2-something-else.jar) on the
     * JUnit JVM's class path. A sibling module built in the same reactor before packaging shows up
     * as its target/classes directory: recognised by the artifactId in the module's pom.xml.
     */
    static Path library(String artifactName) {
        Pattern jarName = Pattern.compile(Pattern.quote(artifactName) + "-\\d[^/]*\\.jar");
        List<Path> entries = entries();
        for (Path entry : entries) {
            if (jarName.matcher(entry.getFileName().toString()).matches()) {
                return entry;
            }
            if (Files.isDirectory(entry) && isClassesOfModule(entry, artifactName)) {
                return entry;
            }
        }
        throw new IllegalStateException("library '" + artifactName + "' is not on the test class path; add it"
                + " (test scope) to integration-tests/pom.xml. Class path: " + entries);
    }

    private static boolean isClassesOfModule(Path classesDir, String artifactName) {
        Path target = classesDir.getParent();
        Path pom = target == null || target.getParent() == null ? null : target.getParent().resolve("pom.xml");
        if (pom == null || !Files.isRegularFile(pom) || !classesDir.getFileName().toString().equals("classes")) {
            return false;
        }
        try {
            // the module's own artifactId is the first one after </parent>
            String text = Files.readString(pom);
            int afterParent = Math.max(0, text.indexOf("</parent>"));
            return text.indexOf("<artifactId>" + artifactName + "</artifactId>", afterParent) == text.indexOf("<artifactId>", afterParent);
        } catch (IOException e) {
            return false;
        }
    }

    private static List<Path> entries() {
        // Surefire may start the JUnit JVM through a manifest-only jar; it then names the real class path here.
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<Path> entries = new ArrayList<>();
        for (String entry : classpath.split(Pattern.quote(File.pathSeparator))) {
            if (!entry.isBlank()) {
                entries.add(Paths.get(entry).toAbsolutePath().normalize());
            }
        }
        return entries;
    }
}
