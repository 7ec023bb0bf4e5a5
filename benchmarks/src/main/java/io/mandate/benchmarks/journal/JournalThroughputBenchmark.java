package io.mandate.benchmarks.journal;

import java.util.concurrent.TimeUnit;

import io.mandate.agent.journal.CallRecord;
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

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void recordAndJournal() {
        for (int i = 0; i < BATCH; i++) {
            call.epochNanos++;
            fixture.journal.recordCall(call);
        }
        fixture.journal.flush();
    }
}
