package io.mandate.benchmarks.journal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;

import io.mandate.agent.journal.CallRecord;
import io.mandate.agent.journal.ChronicleJournal;
import io.mandate.agent.journal.JournalOptions;
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
 * Sustained end-to-end rate: each invocation records a batch and waits until the writer has
 * appended all of it to the queue file, so ops/s is events journaled per second. One producer;
 * with the default ring its waits on a full ring are the backpressure the writer applies.
 *
 * <p>On a shared 2-core machine the wall-clock rate depends on what else runs, so each iteration
 * also prints the CPU time the writer thread and the producer thread spent per event: the writer's
 * figure is the rate a dedicated core would sustain (1e9 / ns per event), whatever the load.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class JournalThroughputBenchmark {
    static final int BATCH = 50_000;

    private JournalFixture fixture;
    private CallRecord call;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long writerThreadId;
    private long writerCpuAtStart;
    private long producerCpu;
    private long eventsAtStart;

    @Setup(Level.Trial)
    public void open() {
        // a wait long enough that a full ring is backpressure, never loss (the fixture checks)
        fixture = new JournalFixture(JournalOptions.defaults().fullRingWait(java.time.Duration.ofSeconds(5)));
        call = JournalFixture.jdbcCall("bench");
    }

    @TearDown(Level.Trial)
    public void close() {
        fixture.close();
    }

    @Setup(Level.Iteration)
    public void startCpuClock() {
        writerThreadId = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(ChronicleJournal.WRITER_THREAD_NAME))
                .findFirst().orElseThrow().getId();
        writerCpuAtStart = threads.getThreadCpuTime(writerThreadId);
        producerCpu = 0;
        eventsAtStart = fixture.journal.writtenEvents();
    }

    @TearDown(Level.Iteration)
    public void reportCpuPerEvent() {
        long events = fixture.journal.writtenEvents() - eventsAtStart;
        long writerCpu = threads.getThreadCpuTime(writerThreadId) - writerCpuAtStart;
        System.out.printf("  [cpu per event: writer %.0f ns (%.2f M events/s per writer core), producer %.0f ns]%n",
                (double) writerCpu / events, events * 1e3 / writerCpu, (double) producerCpu / events);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void recordAndJournal() {
        long cpu = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < BATCH; i++) {
            call.epochNanos++;
            fixture.journal.recordCall(call);
        }
        producerCpu += threads.getCurrentThreadCpuTime() - cpu;
        fixture.journal.flush();
    }
}
