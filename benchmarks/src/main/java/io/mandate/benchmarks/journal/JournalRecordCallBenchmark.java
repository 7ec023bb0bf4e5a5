package io.mandate.benchmarks.journal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * What recordCall costs the application thread. Each invocation records a burst of calls into a
 * ring the writer has just emptied (the emptying is outside the measurement), so the figure is the
 * copy into the ring while the writer drains beside it, not the writer's speed: that is
 * {@link JournalThroughputBenchmark}. A burst stays well below the ring's capacity.
 *
 * <p>Each iteration also prints the CPU time per call of the recording threads, which does not
 * count the time the thread waited for a core on a loaded machine.
 *
 * <p>{@code signing} shows where the journal's signing runs: {@code default} signs a checkpoint
 * every 4,096 events or second, {@code every16} 256 times as often, {@code off} never (until
 * close). The signatures are made on the writer thread, so the application thread's figure should
 * not move with it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED"})
public class JournalRecordCallBenchmark {
    static final int BURST = 1_000;

    @State(Scope.Benchmark)
    public static class SharedJournal {
        /** Slots of the ring: how much of it a burst walks decides how much of it is in cache. */
        @Param({"4096"})
        int ringCapacity;

        @Param({"default", "every16", "off"})
        String signing;

        JournalFixture fixture;

        @Setup(Level.Trial)
        public void open() {
            JournalOptions options = JournalOptions.defaults().ringCapacity(ringCapacity);
            if (signing.equals("every16")) {
                options.checkpointEvents(16);
            } else if (signing.equals("off")) {
                options.checkpointEvents(Integer.MAX_VALUE).checkpointInterval(Duration.ofDays(1));
            }
            fixture = new JournalFixture(options);
        }

        /** Empties the ring so every burst finds free slots. */
        @Setup(Level.Invocation)
        public void drain() {
            fixture.journal.flush();
        }

        @TearDown(Level.Trial)
        public void close() {
            fixture.close();
        }
    }

    @State(Scope.Thread)
    public static class ThreadCall {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        CallRecord call;
        long cpuNanos;
        long calls;

        @Setup(Level.Trial)
        public void create() {
            call = JournalFixture.jdbcCall(Thread.currentThread().getName());
        }

        @Setup(Level.Iteration)
        public void resetCpuClock() {
            cpuNanos = 0;
            calls = 0;
        }

        @TearDown(Level.Iteration)
        public void reportCpuPerCall() {
            System.out.printf("  [cpu per recordCall on %s: %.1f ns]%n", Thread.currentThread().getName(),
                    (double) cpuNanos / calls);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BURST)
    @Threads(1)
    public void recordCallOneThread(SharedJournal shared, ThreadCall thread) {
        burst(shared, thread);
    }

    @Benchmark
    @OperationsPerInvocation(BURST)
    @Threads(2)
    public void recordCallTwoThreads(SharedJournal shared, ThreadCall thread) {
        burst(shared, thread);
    }

    /**
     * The enforcer's hand-over before this journal filled records in place: a fresh record per call,
     * every field stored, published whole ({@code recordFreshCall}).
     */
    @Benchmark
    @OperationsPerInvocation(BURST)
    @Threads(1)
    public void freshRecordOneThread(SharedJournal shared, ThreadCall thread) {
        CallRecord template = thread.call;
        long cpu = thread.threads.getCurrentThreadCpuTime();
        for (int i = 0; i < BURST; i++) {
            CallRecord fresh = new CallRecord();
            fill(fresh, template, i);
            shared.fixture.journal.recordFreshCall(fresh);
        }
        thread.cpuNanos += thread.threads.getCurrentThreadCpuTime() - cpu;
        thread.calls += BURST;
    }

    /** The enforcer's hand-over now: the ring cell's own record, filled in place, storing only what changed. */
    @Benchmark
    @OperationsPerInvocation(BURST)
    @Threads(1)
    public void claimedRecordOneThread(SharedJournal shared, ThreadCall thread) {
        CallRecord template = thread.call;
        long cpu = thread.threads.getCurrentThreadCpuTime();
        for (int i = 0; i < BURST; i++) {
            CallRecord claimed = shared.fixture.journal.claimCall();
            fill(claimed, template, i);
            shared.fixture.journal.publishClaimed(claimed, true);
        }
        thread.cpuNanos += thread.threads.getCurrentThreadCpuTime() - cpu;
        thread.calls += BURST;
    }

    /** What the enforcer writes for a call, through the record's setters (the same for both hand-overs). */
    private static void fill(CallRecord record, CallRecord call, int i) {
        record.setContext(call.agent, call.chainId, call.parentChainId, call.rootChainId, call.depth, call.stepId,
                call.tool, call.purpose, call.user);
        record.setCall(call.kind, call.operation, call.resource, call.epochNanos + i, call.threadName, call.mode);
        record.setAccessCount(call.accessCount);
        for (int a = 0; a < call.accessCount; a++) {
            record.setAccess(a, call.accessOperations[a], call.accessResources[a]);
        }
        record.setOutcome(call.verdict, call.ruleId, call.reason, call.policyHash, call.blocked, call.error,
                call.durationNanos + i);
        record.setUnits(call.unitsMetric, call.units, false, 0L);
    }

    private static void burst(SharedJournal shared, ThreadCall thread) {
        CallRecord call = thread.call;
        long cpu = thread.threads.getCurrentThreadCpuTime();
        for (int i = 0; i < BURST; i++) {
            call.epochNanos++;
            shared.fixture.journal.recordCall(call);
        }
        thread.cpuNanos += thread.threads.getCurrentThreadCpuTime() - cpu;
        thread.calls += BURST;
    }
}
