package io.mandate.benchmarks.journal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.mandate.agent.journal.CallRecord;
import io.mandate.agent.journal.JournalOptions;
import io.mandate.agent.journal.JournalVerifier;
import io.mandate.agent.journal.VerificationReport;
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
 * How fast {@code mandate verify} checks a journal: ops/s is events verified per second (hash
 * chain, CRC, sequence, checkpoint signatures), on a journal of realistic calls written once per
 * trial with the default checkpoint interval. Each iteration also prints the verifying thread's
 * CPU time per event, the figure that holds on a loaded shared machine.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class JournalVerifyBenchmark {
    static final int CALLS = 200_000;

    private JournalFixture fixture;
    private long events;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long cpuAtStart;
    private long verifiedAtStart;
    private long verified;

    @Setup(Level.Trial)
    public void write() {
        fixture = new JournalFixture(JournalOptions.defaults().fullRingWait(Duration.ofSeconds(5)));
        CallRecord call = JournalFixture.jdbcCall("bench");
        for (int i = 0; i < CALLS; i++) {
            call.epochNanos += 1_000;
            call.durationNanos = 50_000 + (i & 1023);
            fixture.journal.recordCall(call);
        }
        fixture.journal.close();
        VerificationReport report = JournalVerifier.verify(fixture.directory, null);
        if (!report.ok() || report.events() < CALLS) {
            throw new IllegalStateException("the benchmark journal does not verify: " + report.summary());
        }
        events = report.events();
    }

    @Setup(Level.Iteration)
    public void startCpuClock() {
        cpuAtStart = threads.getCurrentThreadCpuTime();
        verifiedAtStart = verified;
    }

    @TearDown(Level.Iteration)
    public void printCpuPerEvent() {
        long cpu = threads.getCurrentThreadCpuTime() - cpuAtStart;
        long n = verified - verifiedAtStart;
        if (n > 0) {
            System.out.printf("%n  verify CPU: %.0f ns/event (%.0f k events/s per core), %d events per journal%n",
                    (double) cpu / n, 1e6 / ((double) cpu / n), events);
        }
    }

    @TearDown(Level.Trial)
    public void delete() {
        fixture.close();
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public boolean verify() {
        VerificationReport report = JournalVerifier.verify(fixture.directory, null);
        verified += report.events();
        return report.ok();
    }
}
