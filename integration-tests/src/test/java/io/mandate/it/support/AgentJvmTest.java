package io.mandate.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mandate.it.apps.ClasspathProbeApp;
import io.mandate.it.apps.SleepingApp;

/** The harness itself: what a forked app sees, and that a hung app cannot hang the build. */
class AgentJvmTest {

    @Test
    void forkedAppSeesOnlyItsOwnClassPathNeverTheTestJvmsLibraries(@TempDir Path workDir) throws Exception {
        JvmResult result = AgentJvm.withoutAgent()
                .mainClass(ClasspathProbeApp.class)
                .appLibraries("h2")
                .workDir(workDir)
                .env("MANDATE_IT_PROBE", "set-by-test")
                .args("org.h2.Driver", "io.mandate.api.Mandate", "org.junit.jupiter.api.Test",
                        "net.openhft.chronicle.queue.ChronicleQueue", "io.mandate.agent.journal.Journal",
                        "org.postgresql.Driver")
                .run()
                .assertSucceeded()
                .assertStdoutEmpty();

        assertEquals("app", result.observation("class.org.h2.Driver"));
        assertEquals("app", result.observation("class.io.mandate.api.Mandate"));
        assertEquals("absent", result.observation("class.org.junit.jupiter.api.Test"));
        assertEquals("absent", result.observation("class.net.openhft.chronicle.queue.ChronicleQueue"));
        assertEquals("absent", result.observation("class.io.mandate.agent.journal.Journal"));
        assertEquals("absent", result.observation("class.org.postgresql.Driver"), "not named, so not there");
        assertEquals("set-by-test", result.observation("env.MANDATE_IT_PROBE"));
        assertEquals(workDir.toRealPath().toString(), Path.of(result.observation("working.dir")).toRealPath().toString());
    }

    @Test
    void runsOnTheRequestedJdk() throws Exception {
        Path temurin = AgentJvm.temurin25().orElse(Path.of(System.getProperty("java.home")));
        JvmResult result = AgentJvm.withoutAgent().jdk(temurin).mainClass(ClasspathProbeApp.class).run().assertSucceeded();
        assertEquals(temurin.toRealPath(), Path.of(result.observation("java.home")).toRealPath());
    }

    @Test
    void aHungAppIsKilledAtTheTimeoutAndTheRunFails() {
        long started = System.nanoTime();
        AssertionError failure = assertThrows(AssertionError.class, () -> AgentJvm.withoutAgent()
                .mainClass(SleepingApp.class)
                .timeout(Duration.ofSeconds(3))
                .run());
        assertTrue(failure.getMessage().contains("was killed"), failure.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(30)) < 0);
    }
}
