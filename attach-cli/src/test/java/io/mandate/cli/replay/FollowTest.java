package io.mandate.cli.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mandate.agent.journal.CallRecord;
import io.mandate.agent.journal.ChronicleJournal;
import io.mandate.agent.journal.Journal;
import io.mandate.cli.MandateCli;

/**
 * {@code mandate replay --follow} on a journal a writer is appending to: every new call is
 * printed, and the filters apply to the tail too. How soon a call is printed is a figure of the
 * machine, not a pass/fail condition: JournalFollowBenchmark measures it (the goal is 10 ms).
 */
class FollowTest {
    private static final int CALLS = 40;
    private static final int WARM_UP = 1000;
    private static final Pattern RESOURCE = Pattern.compile("\"resource\":\"live-(\\d+)\"");

    /** Stamps each complete line with the time it was printed. */
    private static final class StampingWriter extends Writer {
        final Map<Integer, Long> seenNanos = new ConcurrentHashMap<>();
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        private final StringBuilder line = new StringBuilder();

        @Override
        public synchronized void write(char[] chars, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                if (chars[i] == '\n') {
                    long now = System.nanoTime();
                    String text = line.toString();
                    lines.add(text);
                    Matcher m = RESOURCE.matcher(text);
                    if (m.find()) {
                        seenNanos.put(Integer.parseInt(m.group(1)), now);
                    }
                    line.setLength(0);
                } else {
                    line.append(chars[i]);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void newCallsArePrintedAsTheyAreWritten(@TempDir Path dir) throws Exception {
        Path journalDir = dir.resolve("journal");
        StampingWriter out = new StampingWriter();
        StringWriter err = new StringWriter();
        try (Journal journal = ChronicleJournal.open(journalDir)) {
            journal.flush(); // the directory is a journal before the follower opens it
            int[] exit = {-1};
            Thread follower = new Thread(() -> exit[0] = MandateCli.run(new PrintWriter(out, true), new PrintWriter(err, true),
                    "replay", journalDir.toString(), "--follow", "--json", "--decision", "allow", "--follow-for", "20000"));
            follower.start();
            // The first printed event loads the JSON classes (hundreds of ms cold): measure once warm,
            // as a user's tail is after printing the journal so far.
            CallRecord call = allowedSelect("live-" + WARM_UP);
            journal.recordCall(call);
            long warmDeadline = System.nanoTime() + 10_000_000_000L;
            while (!out.seenNanos.containsKey(WARM_UP) && System.nanoTime() < warmDeadline) {
                LockSupport.parkNanos(1_000_000L);
            }
            for (int i = 0; i < CALLS; i++) {
                call.epochNanos = System.currentTimeMillis() * 1_000_000L;
                call.resource = "live-" + i;
                call.verdict = i % 10 == 9 ? "DENY" : "ALLOW"; // filtered out: the filters apply to the tail too
                journal.recordCall(call);
                LockSupport.parkNanos(20_000_000L);
            }
            long drainDeadline = System.nanoTime() + 2_000_000_000L;
            while (out.seenNanos.size() < CALLS - CALLS / 10 + 1 && System.nanoTime() < drainDeadline) {
                LockSupport.parkNanos(1_000_000L);
            }
            follower.interrupt(); // what Ctrl-C amounts to for the loop; --follow-for bounds a hung test
            follower.join(10_000);
            assertEquals(0, exit[0], err::toString);
        }
        for (int i = 0; i < CALLS; i++) {
            if (i % 10 == 9) {
                assertTrue(!out.seenNanos.containsKey(i), "a denied call is filtered out");
            } else {
                assertTrue(out.seenNanos.containsKey(i), "call " + i + " was printed: " + out.lines);
            }
        }
        assertEquals(CALLS - CALLS / 10 + 1, out.lines.stream().filter(l -> l.contains("\"type\":\"call\"")).count(), out.lines::toString);
    }

    @Test
    void aFollowerStartedBeforeTheApplicationWaitsForItsJournal(@TempDir Path dir) throws Exception {
        Path journalDir = dir.resolve("not-yet"); // no directory at all: the application has not started
        StampingWriter out = new StampingWriter();
        StringWriter err = new StringWriter();
        int[] exit = {-1};
        Thread follower = new Thread(() -> exit[0] = MandateCli.run(new PrintWriter(out, true), new PrintWriter(err, true),
                "replay", journalDir.toString(), "--follow", "--json", "--follow-for", "20000"));
        follower.start();
        long toldDeadline = System.nanoTime() + 10_000_000_000L;
        while (!err.toString().contains("waiting for a journal") && System.nanoTime() < toldDeadline) {
            LockSupport.parkNanos(1_000_000L);
        }
        assertTrue(follower.isAlive(), "the follower waits instead of refusing the directory: " + err);
        try (Journal journal = ChronicleJournal.open(journalDir)) {
            journal.recordCall(allowedSelect("live-7"));
            long seenDeadline = System.nanoTime() + 10_000_000_000L;
            while (!out.seenNanos.containsKey(7) && System.nanoTime() < seenDeadline) {
                LockSupport.parkNanos(1_000_000L);
            }
        }
        follower.interrupt();
        follower.join(10_000);
        assertEquals(0, exit[0], err::toString);
        assertTrue(out.seenNanos.containsKey(7), "the first call of the new journal was printed: " + out.lines);
        assertTrue(err.toString().startsWith("mandate: waiting for a journal to be written in " + journalDir), err.toString());
    }

    @Test
    void aFollowerGivesUpOnADirectoryThatNeverHoldsAJournalWhenItsTimeIsUp(@TempDir Path dir) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = MandateCli.run(new PrintWriter(out, true), new PrintWriter(err, true),
                "replay", dir.toString(), "--follow", "--follow-for", "300");
        assertEquals(2, exit, err::toString);
        assertTrue(err.toString().contains("is not a Mandate journal"), err.toString());
    }

    /** An allowed select on {@code resource}, as an agent in audit mode journals it. */
    private static CallRecord allowedSelect(String resource) {
        CallRecord call = new CallRecord();
        call.kind = "jdbc";
        call.operation = "select";
        call.agent = "bot";
        call.mode = "audit";
        call.verdict = "ALLOW";
        call.resource = resource;
        return call;
    }
}
