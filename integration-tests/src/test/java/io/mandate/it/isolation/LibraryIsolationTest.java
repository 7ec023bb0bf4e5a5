package io.mandate.it.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.mandate.agent.journal.JournalEvent;
import io.mandate.it.apps.isolation.LibraryIsolationApp;
import io.mandate.it.jdbc.Policies;
import io.mandate.it.jdbc.ScenarioTarget;
import io.mandate.it.jdbc.SupportDeskDatabase;
import io.mandate.it.support.AgentJvm;
import io.mandate.it.support.JournalEvents;
import io.mandate.it.support.JvmResult;

/**
 * The agent uses Byte Buddy (and the policy layer may use Jackson) inside its own class loader: an
 * application with OTHER versions of both, running Mockito's self-attaching inline mock maker,
 * must see only its own versions and work exactly as without the agent, while the agent still
 * decides its JDBC calls.
 */
class LibraryIsolationTest {
    /** The app's identity outside chains (the agent key "agent"), which the policy lets start Mockito's helper JVM. */
    private static final String APP_IDENTITY = "library-isolation-app";
    private static final Path ISOLATION_LIBS = Path.of(System.getProperty("mandate.it.isolationLibs", "target/isolation-libs"));

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.mandate.it.jdbc.ScenarioTarget#h2")
    void appWithItsOwnJacksonByteBuddyAndMockitoWorksUnderTheAgent(ScenarioTarget target, @TempDir Path workDir)
            throws IOException, SQLException {
        SupportDeskDatabase database = SupportDeskDatabase.h2(workDir);
        Path journal = workDir.resolve("journal");
        AgentJvm jvm = AgentJvm.withAgent("policy=" + Policies.LIBRARY_ISOLATION + ",mode=enforce,journal=" + journal
                        + ",agent=" + APP_IDENTITY)
                .jdk(target.javaHome())
                .mainClass(LibraryIsolationApp.class)
                .appLibraries("h2")
                .addToClasspath(isolationJars())
                .args(database.jdbcUrl(), database.user(), database.password())
                .workDir(workDir);
        if (target.jdkFeature() > 23) {
            // The app's Byte Buddy predates the newest class file versions; on a newer JDK an app
            // has to opt in to reading them, agent or not.
            jvm.systemProperty("net.bytebuddy.experimental", "true");
        }
        JvmResult result = jvm.run().assertSucceeded().assertStdoutEmpty();

        assertEquals(shippedVersionOf("jackson-databind"), result.observation("jackson.version"));
        assertTrue(result.observation("jackson.jar").contains("isolation-libs"), result.observation("jackson.jar"));
        assertEquals("42", result.observation("jackson.roundTrip"));
        assertTrue(result.observation("bytebuddy.jar").contains("isolation-libs/byte-buddy-"), result.observation("bytebuddy.jar"));
        assertEquals("generated", result.observation("bytebuddy.subclass"));
        assertEquals("mocked final", result.observation("mockito.finalClass"));
        assertEquals("mocked static", result.observation("mockito.static"));

        assertEquals("ok rows=3", result.observation("customers"));
        assertTrue(result.observation("salaries").startsWith("denied sqlstate=42501 "), result.observation("salaries"));
        JournalEvents events = JournalEvents.read(journal);
        List<JournalEvent> calls = events.callsInChain(result.observation("chain"));
        assertEquals(List.of("ALLOW", "DENY"), calls.stream().map(c -> c.string("verdict")).toList(),
                () -> "the agent still decides the app's calls: " + calls);
        // Mockito's helper JVM was decided too, as a call of the app itself (outside any chain).
        List<JournalEvent> launches = events.filter(e -> e.type().equals(JournalEvents.CALL)
                && e.string("kind").equals("process"));
        assertTrue(launches.stream().anyMatch(e -> e.string("verdict").equals("ALLOW")
                        && e.string("agent").equals(APP_IDENTITY) && e.string("resource").contains("java")),
                events::dump);
    }

    /** The version of {@code artifact} the app ships, from its jar's name in isolation-libs. */
    private static String shippedVersionOf(String artifact) throws IOException {
        for (Path jar : isolationJars()) {
            String name = jar.getFileName().toString();
            if (name.matches(artifact + "-\\d.*\\.jar")) {
                return name.substring(artifact.length() + 1, name.length() - ".jar".length());
            }
        }
        throw new IllegalStateException(artifact + " is not in " + ISOLATION_LIBS);
    }

    private static Path[] isolationJars() throws IOException {
        try (Stream<Path> jars = Files.list(ISOLATION_LIBS)) {
            Path[] found = jars.filter(p -> p.toString().endsWith(".jar")).sorted().toArray(Path[]::new);
            if (found.length == 0) {
                throw new IllegalStateException("no jars in " + ISOLATION_LIBS + ": the build copies them there");
            }
            return found;
        }
    }
}
