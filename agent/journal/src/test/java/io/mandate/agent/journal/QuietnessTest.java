package io.mandate.agent.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal inside a host JVM must be invisible: no byte on stdout or stderr (no SLF4J notice,
 * no Chronicle banner, no JDK native-access or sun.misc.Unsafe warning), and no file outside the
 * journal directory (none in user.home, none in the working directory).
 */
class QuietnessTest {
    @TempDir
    Path temp;

    @Test
    void writingAndReadingIsSilentOnTheTestJdk() throws Exception {
        assertSilent(ForkedJvm.currentJdk());
    }

    @Test
    void writingAndReadingIsSilentOnJdk25() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(ForkedJvm.JDK_25.resolve("bin/java")),
                "Temurin 25 is not installed at " + ForkedJvm.JDK_25 + ": JDK 25 quietness not checked");
        assertSilent(ForkedJvm.JDK_25);
    }

    private void assertSilent(Path jdk) throws Exception {
        Path home = Files.createDirectories(temp.resolve("home"));
        Path work = Files.createDirectories(temp.resolve("work"));
        Path journal = temp.resolve("journal");
        Path stdout = temp.resolve("stdout");
        Path stderr = temp.resolve("stderr");
        Process process = ForkedJvm.command(jdk, home, work, "write-read", journal.toString(), "2000")
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "forked JVM did not finish");
        String err = Files.readString(stderr);
        assertEquals(0, process.exitValue(), err);
        assertEquals("", Files.readString(stdout), "stdout of " + jdk);
        assertEquals("", err, "stderr of " + jdk);
        assertEquals(List.of(), list(home), "files written under user.home");
        assertEquals(List.of(), list(work), "files written in the working directory");
    }

    private static List<Path> list(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> !p.equals(dir)).toList();
        }
    }
}
