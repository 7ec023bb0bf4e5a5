package io.mandate.benchmarks.journal;

import java.io.PrintWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.mandate.agent.journal.CallRecord;
import io.mandate.agent.journal.JournalOptions;
import io.mandate.cli.MandateCli;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * How soon {@code mandate replay --follow --json} prints a call after the application recorded it:
 * each invocation records one call and waits until the follower, running the CLI command in this
 * JVM, has printed it. The time includes the journal writer's idle park (up to 4 ms), the append,
 * the follower's poll (1 ms) and the formatting; the goal is 10 ms. Wall clock by nature: on a
 * loaded machine each of the two wake-ups also waits for a core, so read it with the load average.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class JournalFollowBenchmark {
    private static final String MARK = "\"resource\":\"live-";

    private JournalFixture fixture;
    private Thread follower;
    private final AtomicLong printed = new AtomicLong(-1);
    private CallRecord call;
    private long recorded;

    /** Notes the number of the last live call printed; each JSON line arrives in one write. */
    private final class PrintedCalls extends Writer {
        @Override
        public void write(char[] chars, int offset, int length) {
            String text = new String(chars, offset, length);
            int at = text.lastIndexOf(MARK);
            if (at >= 0) {
                int from = at + MARK.length();
                int to = text.indexOf('"', from);
                printed.set(Long.parseLong(text.substring(from, to)));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Setup(Level.Trial)
    public void startFollowing() {
        fixture = new JournalFixture(JournalOptions.defaults().fullRingWait(Duration.ofSeconds(5)));
        call = JournalFixture.jdbcCall("bench");
        // the writer creates the journal's file with its first event, and `replay` refuses a
        // directory without one: the follower starts on a journal that already holds a call
        call.resource = "before-following";
        fixture.journal.recordCall(call);
        fixture.journal.flush();
        PrintWriter discard = new PrintWriter(Writer.nullWriter());
        follower = new Thread(() -> MandateCli.run(new PrintWriter(new PrintedCalls(), true), discard,
                "replay", fixture.directory.toString(), "--follow", "--json", "--follow-for", "3600000"), "follower");
        follower.setDaemon(true);
        follower.start();
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        follower.interrupt();
        follower.join(10_000);
        fixture.close();
    }

    @Benchmark
    public long recordToPrinted() {
        long id = ++recorded;
        call.resource = "live-" + id;
        call.epochNanos = System.currentTimeMillis() * 1_000_000L;
        fixture.journal.recordCall(call);
        while (printed.get() < id) {
            LockSupport.parkNanos(50_000L); // a spinning wait would take one of the two cores from the writer
        }
        return id;
    }
}
