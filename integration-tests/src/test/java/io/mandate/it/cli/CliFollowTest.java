package io.mandate.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mandate.it.apps.jdbc.DelegatingSupportBotApp;
import io.mandate.it.jdbc.Policies;
import io.mandate.it.jdbc.SupportDeskDatabase;
import io.mandate.it.support.AgentJvm;

/**
 * {@code mandate replay --follow} through the launcher while a real agent appends: the tail
 * prints the journal so far, then the events of a second run of the bot under the agent on the
 * same journal as they are written, and ends when it is terminated as by Ctrl-C.
 */
class CliFollowTest {

    @Test
    void theTailPrintsTheEventsOfAnAgentThatStartsWhileItRuns(@TempDir Path workDir) throws Exception {
        SupportDeskDatabase database = SupportDeskDatabase.h2(workDir);
        Path journal = workDir.resolve("journal");
        runTheBot(database, journal, workDir);

        ProcessBuilder builder = new ProcessBuilder(MandateCommandLine.repositoryRoot().resolve("bin/mandate").toString(),
                "replay", journal.toString(), "--follow", "--json", "--follow-for", "120000");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.redirectErrorStream(true);
        Process tail = builder.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(tail.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                lines.add("read failed: " + e);
            }
        });
        reader.start();
        try {
            List<String> firstRun = takeUntil(lines, "\"type\":\"journal.close\"");
            assertEquals(3, count(firstRun, "\"type\":\"call\""), firstRun::toString);

            runTheBot(database, journal, workDir);
            List<String> secondRun = takeUntil(lines, "\"type\":\"journal.close\"");
            assertTrue(secondRun.get(0).contains("\"type\":\"journal.open\""), secondRun::toString);
            assertEquals(3, count(secondRun, "\"type\":\"call\""), secondRun::toString);
            assertEquals(1, count(secondRun, "\"verdict\":\"DENY\""), secondRun::toString);
            assertTrue(tail.isAlive(), "the tail keeps following after the writer closed");
        } finally {
            tail.destroy(); // SIGTERM: what Ctrl-C's SIGINT does to the JVM, ends it with its shutdown hooks
            assertTrue(tail.waitFor(20, TimeUnit.SECONDS), "the tail ends when terminated");
            reader.join(5_000);
        }
    }

    private static void runTheBot(SupportDeskDatabase database, Path journal, Path workDir) {
        AgentJvm.withAgent("policy=" + Policies.SUPPORT_DESK + ",mode=enforce,journal=" + journal)
                .mainClass(DelegatingSupportBotApp.class)
                .appLibraries("h2")
                .args(database.jdbcUrl(), database.user(), database.password())
                .workDir(workDir)
                .run()
                .assertSucceeded();
    }

    /** Lines up to and including the first that contains {@code last}; fails after 60 s. */
    private static List<String> takeUntil(BlockingQueue<String> lines, String last) throws InterruptedException {
        List<String> taken = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                taken.add(line);
                if (line.contains(last)) {
                    return taken;
                }
            }
        }
        throw new AssertionError("no line with " + last + " within 60 s; got " + taken);
    }

    private static long count(List<String> lines, String text) {
        return lines.stream().filter(l -> l.contains(text)).count();
    }
}
