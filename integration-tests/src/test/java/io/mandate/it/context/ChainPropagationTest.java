package io.mandate.it.context;

import io.mandate.it.support.AgentJvm;
import io.mandate.it.support.JvmResult;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged agent carries the reasoning chain opened with the public API to the threads that do
 * the chain's work: thread pools, scheduled pools, fork-join pools and forks, parallel streams,
 * CompletableFuture stages (also when another chain's thread completes their source), new platform
 * and virtual threads; with the open step and the
 * delegation depth; and never carries it to work submitted outside any chain, nor lets a pooled
 * worker leak the chain it was created in. See {@link ChainPropagationApp}.
 */
class ChainPropagationTest {

    private static Map<String, String> expectedOnEveryJdk() {
        Map<String, String> expected = new TreeMap<>();
        expected.put("agent.attached", "true");
        expected.put("main", "planner@1");
        expected.put("tpe.submit", "planner@1");
        expected.put("stpe.schedule", "planner@1");
        expected.put("fjp.submit", "planner@1");
        expected.put("fjp.fork-join", "planner@1");
        expected.put("common.fork", "planner@1");
        expected.put("parallel-stream", "planner@1");
        expected.put("cf.supplyAsync", "planner@1");
        expected.put("cf.stages", "planner@1>planner@1>planner@1");
        expected.put("cf.callback-stages", "planner@1,planner@1");
        expected.put("thread.new", "planner@1");
        expected.put("step.tpe", "planner@1:lookup_customer");
        expected.put("delegated.tpe", "researcher@2");
        expected.put("delegated.fjp", "researcher@2");
        expected.put("delegated.cf", "researcher@2");
        expected.put("delegated-twice.fjp", "reviewer@3");
        expected.put("back-to-delegated.tpe", "researcher@2");
        expected.put("after-delegation.tpe", "planner@1");
        expected.put("outside.main", "none");
        expected.put("outside.tpe", "none");
        expected.put("outside.stpe", "none");
        expected.put("outside.fjp", "none");
        expected.put("outside.cf", "none");
        expected.put("outside.thread", "none");
        return expected;
    }

    @Test
    void chainFollowsTheWorkOnJdk17() {
        assertEquals(expectedOnEveryJdk(), observed(run(AgentJvm.withAgent(""))));
    }

    @Test
    void chainFollowsTheWorkAndVirtualThreadsOnJdk25() {
        Path temurin25 = AgentJvm.temurin25().orElse(null);
        assumeTrue(temurin25 != null, "Temurin 25 is not installed");
        Map<String, String> expected = expectedOnEveryJdk();
        expected.put("virtual.start", "planner@1");
        expected.put("virtual.executor", "planner@1");
        assertEquals(expected, observed(run(AgentJvm.withAgent("").jdk(temurin25))));
    }

    private static JvmResult run(AgentJvm jvm) {
        // Parallelism as on a machine with 4+ cores: CompletableFuture then runs on the common pool
        // (with fewer it starts a thread per task, which "thread.new" covers).
        return jvm.mainClass(ChainPropagationApp.class)
                .systemProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "3")
                .run()
                .assertSucceeded()
                .assertStdoutEmpty()
                // a JDK class the advice could not be woven into is reported, and would propagate nothing
                .assertStderrDoesNotContain("mandate: internal error");
    }

    private static Map<String, String> observed(JvmResult result) {
        Map<String, String> observed = new TreeMap<>();
        for (Map.Entry<String, String> observation : result.observations()) {
            observed.put(observation.getKey(), observation.getValue());
        }
        return observed;
    }
}
