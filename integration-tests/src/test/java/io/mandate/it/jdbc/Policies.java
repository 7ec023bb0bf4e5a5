package io.mandate.it.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The policies the JDBC tests run the agent with, and where their rules are. */
public final class Policies {
    private static final Path DIRECTORY = Path.of(System.getProperty("mandate.it.policies", "src/test/resources/policies"))
            .toAbsolutePath().normalize();
    public static final Path SUPPORT_DESK = DIRECTORY.resolve("support-desk.mandate");
    public static final Path LIBRARY_ISOLATION = DIRECTORY.resolve("library-isolation.mandate");
    /** Default deny and no file rule: the flight recorder tests. */
    public static final Path NO_FILES = DIRECTORY.resolve("no-files.mandate");

    private Policies() {
    }

    /**
     * The 1-based line of the only rule of {@code policy} containing {@code ruleText}: rule ids are
     * "source:line", so a test can name the rule it expects without hard-coding a line number.
     */
    public static int lineOf(Path policy, String ruleText) {
        try {
            List<String> lines = Files.readAllLines(policy);
            int found = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(ruleText)) {
                    if (found != -1) {
                        throw new IllegalArgumentException("'" + ruleText + "' is on more than one line of " + policy);
                    }
                    found = i + 1;
                }
            }
            if (found == -1) {
                throw new IllegalArgumentException("no line of " + policy + " contains '" + ruleText + "'");
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
