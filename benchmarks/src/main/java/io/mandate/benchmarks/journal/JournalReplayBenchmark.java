package io.mandate.benchmarks.journal;

import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.mandate.agent.journal.CallRecord;
import io.mandate.agent.journal.CorruptJournalException;
import io.mandate.agent.journal.JournalEvent;
import io.mandate.agent.journal.JournalOptions;
import io.mandate.agent.journal.JournalReader;
import io.mandate.cli.MandateCli;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * How fast {@code mandate replay} reads a journal: ops/s is events per second. Three depths of the
 * same path: {@code read} is the {@link JournalReader} the CLI uses (decode and CRC of every
 * event); {@code replayTree} and {@code replayJson} run the CLI's whole {@code replay} command
 * (reader, filter, call tree or JSON Lines) into an output that discards what it is given, so no
 * terminal is measured. The journal holds realistic calls, a new chain every 50 calls and a new
 * step every 5, written once per trial.
 *
 * <p>Each iteration prints the benchmark thread's CPU time per event: on a machine shared with
 * other builds the wall-clock rate swings with the load, the CPU time per event does not.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class JournalReplayBenchmark {
    static final int CALLS = 200_000;

    private JournalFixture fixture;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final PrintWriter discard = new PrintWriter(Writer.nullWriter());
    private long events;
    private long cpuAtStart;
    private long readAtStart;
    private long read;

    @Setup(Level.Trial)
    public void write() throws CorruptJournalException {
        fixture = new JournalFixture(JournalOptions.defaults().fullRingWait(Duration.ofSeconds(5)));
        CallRecord call = JournalFixture.jdbcCall("bench");
        for (int i = 0; i < CALLS; i++) {
            if (i % 50 == 0) {
                call.chainId = "chain-" + i;
                call.rootChainId = call.chainId;
            }
            if (i % 5 == 0) {
                call.stepId = "step-" + i;
            }
            call.epochNanos += 1_000;
            call.durationNanos = 50_000 + (i & 1023);
            fixture.journal.recordCall(call);
        }
        fixture.journal.close();
        events = countEvents();
        if (events < CALLS) {
            throw new IllegalStateException("the benchmark journal holds " + events + " events, fewer than " + CALLS);
        }
    }

    @Setup(Level.Iteration)
    public void startCpuClock() {
        cpuAtStart = threads.getCurrentThreadCpuTime();
        readAtStart = read;
    }

    @TearDown(Level.Iteration)
    public void printCpuPerEvent() {
        long cpu = threads.getCurrentThreadCpuTime() - cpuAtStart;
        long n = read - readAtStart;
        if (n > 0) {
            System.out.printf("%n  replay CPU: %.0f ns/event (%.2f M events/s per core), %d events per journal%n",
                    (double) cpu / n, 1e3 / ((double) cpu / n), events);
        }
    }

    @TearDown(Level.Trial)
    public void delete() {
        fixture.close();
    }

    private long countEvents() throws CorruptJournalException {
        long n = 0;
        try (JournalReader reader = JournalReader.open(fixture.directory)) {
            for (JournalEvent e = reader.next(); e != null; e = reader.next()) {
                n++;
            }
        }
        return n;
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public long read() throws CorruptJournalException {
        long n = countEvents();
        read += n;
        return n;
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public int replayTree() {
        int exit = MandateCli.run(discard, discard, "replay", fixture.directory.toString(), "--no-color");
        read += events;
        return exit;
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public int replayJson() {
        int exit = MandateCli.run(discard, discard, "replay", fixture.directory.toString(), "--json");
        read += events;
        return exit;
    }
}
