package io.mandate.it.agent;

import io.mandate.it.support.AgentJvm;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged jar's index of its multi-release entries, which the agent class loader reads
 * instead of scanning the jar at every start: a stale index would serve a library's base classes
 * where it ships classes for the running JDK.
 */
class AgentJarLayoutTest {
    private static final String VERSIONS = "inst/META-INF/versions/";

    @Test
    void theVersionedEntryIndexListsExactlyTheJarsVersionedEntries() throws IOException {
        try (JarFile jar = new JarFile(AgentJvm.agentJar().toFile())) {
            Set<String> present = new TreeSet<>();
            for (JarEntry entry : Collections.list(jar.entries())) {
                if (entry.getName().startsWith(VERSIONS) && !entry.isDirectory()) {
                    present.add(entry.getName().substring(VERSIONS.length()));
                }
            }
            JarEntry index = jar.getJarEntry("META-INF/mandate/versioned-entries.txt");
            assertNotNull(index, "the build writes the index");
            Set<String> listed = new TreeSet<>();
            try (InputStream in = jar.getInputStream(index)) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank()) {
                        listed.add(line.strip());
                    }
                }
            }
            assertFalse(present.isEmpty(), "the agent's libraries ship classes for later JDKs (Jackson, Chronicle)");
            assertEquals(present, listed);
            for (String line : listed) {
                assertTrue(line.matches("\\d+/.+"), () -> "not release/path: " + line);
            }
        }
    }
}
