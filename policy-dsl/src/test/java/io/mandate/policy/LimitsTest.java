package io.mandate.policy;

import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.mandate.policy.Policies.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LimitsTest {
    private static Request call(String agent, String chain, String step) {
        return new Request().reset(Kind.JDBC).agent(agent).chain(chain, chain, chain.isEmpty() ? 0 : 1, "").step(step, "tool")
                .access("select", "t");
    }

    @Test
    void countLimitPerChainDeniesTheCallOverItAndForgetsClosedChains() {
        CompiledPolicy p = valid("policy \"p\"\nagent \"*\" {\n  allow jdbc select on t\n  limit jdbc statements 3 per chain\n}\n");
        LimitCounters counters = new LimitCounters();
        for (int i = 0; i < 3; i++) {
            assertEquals(Verdict.ALLOW, p.decide(call("a", "c1", ""), counters).verdict());
        }
        Decision over = p.decide(call("a", "c1", ""), counters);
        assertEquals(Verdict.DENY, over.verdict());
        assertEquals("limit:test.mandate:4", over.ruleId());
        assertTrue(over.reason().startsWith("limit jdbc statements 3 per chain"), over.reason());
        assertEquals(Verdict.ALLOW, p.decide(call("a", "c2", ""), counters).verdict());
        counters.chainClosed("c1");
        assertEquals(Verdict.ALLOW, p.decide(call("a", "c1", ""), counters).verdict());
    }

    @Test
    void deniedCallsAreNotCharged() {
        CompiledPolicy p = valid("policy \"p\"\nagent \"*\" {\n  allow jdbc select on t\n  limit jdbc calls 2 per agent\n}\n");
        LimitCounters counters = new LimitCounters();
        Request denied = new Request().reset(Kind.JDBC).agent("a").access("select", "other");
        for (int i = 0; i < 5; i++) {
            assertEquals(Verdict.DENY, p.decide(denied, counters).verdict());
        }
        assertEquals(Verdict.ALLOW, p.decide(call("a", "", ""), counters).verdict());
        assertEquals(Verdict.ALLOW, p.decide(call("a", "", ""), counters).verdict());
        assertEquals(Verdict.DENY, p.decide(call("a", "", ""), counters).verdict());
        assertEquals(Verdict.ALLOW, p.decide(call("b", "", ""), counters).verdict());
    }

    @Test
    void aCallDeniedByOneLimitIsRefundedToTheOthers() {
        CompiledPolicy p = valid("policy \"p\"\nagent \"*\" {\n  allow jdbc select on t\n  limit jdbc calls 10 per agent\n  limit jdbc calls 1 per chain\n}\n");
        LimitCounters counters = new LimitCounters();
        assertEquals(Verdict.ALLOW, p.decide(call("a", "c", ""), counters).verdict());
        for (int i = 0; i < 20; i++) {
            assertEquals(Verdict.DENY, p.decide(call("a", "c", ""), counters).verdict());
        }
        for (int i = 0; i < 9; i++) {
            assertEquals(Verdict.ALLOW, p.decide(call("a", "c" + i + "x", ""), counters).verdict(), "call " + i);
        }
        assertEquals(Verdict.DENY, p.decide(call("a", "fresh", ""), counters).verdict());
    }

    @Test
    void callsOutsideAnyChainShareOneBucketPerAgent() {
        CompiledPolicy p = valid("policy \"p\"\nagent \"*\" {\n  allow jdbc select on t\n  limit jdbc calls 1 per chain\n}\n");
        LimitCounters counters = new LimitCounters();
        assertEquals(Verdict.ALLOW, p.decide(call("a", "", ""), counters).verdict());
        assertEquals(Verdict.DENY, p.decide(call("a", "", ""), counters).verdict());
        assertEquals(Verdict.ALLOW, p.decide(call("b", "", ""), counters).verdict());
    }

    @Test
    void perStepBudgetsAreKeptPerStepAndForgottenWithTheirChain() {
        CompiledPolicy p = valid("policy \"p\"\nagent \"*\" {\n  allow jdbc select on t\n  limit jdbc rows 100 per step\n}\n");
        LimitCounters counters = new LimitCounters();
        assertNull(p.consume(call("a", "c", "s1"), "rows", 100, counters));
        assertEquals("limit:test.mandate:4", p.consume(call("a", "c", "s1"), "rows", 1, counters).ruleId());
        assertNull(p.consume(call("a", "c", "s2"), "rows", 100, counters));
        assertNull(p.consume(call("a", "c", "s1"), "bytes", 1000, counters));
        counters.chainClosed("c");
        assertNull(p.consume(call("a", "c", "s1"), "rows", 100, counters));
    }

    @Test
    void ratesCountInWindows() {
        AtomicLong now = new AtomicLong(5_000_000_000L);
        LimitCounters counters = new LimitCounters(now::get);
        CompiledPolicy p = valid("policy \"p\"\nagent \"*\" {\n  allow jdbc select on t\n  limit jdbc calls 2 per agent per second\n"
                + "  limit jdbc rows 1024 per agent per minute\n}\n");
        assertEquals(Verdict.ALLOW, p.decide(call("a", "", ""), counters).verdict());
        assertEquals(Verdict.ALLOW, p.decide(call("a", "", ""), counters).verdict());
        assertEquals(Verdict.DENY, p.decide(call("a", "", ""), counters).verdict());
        now.addAndGet(1_000_000_000L);
        assertEquals(Verdict.ALLOW, p.decide(call("a", "", ""), counters).verdict());
        assertNull(p.consume(call("a", "", ""), "rows", 1024, counters));
        assertEquals(Verdict.DENY, p.consume(call("a", "", ""), "rows", 1, counters).verdict());
        now.addAndGet(60_000_000_000L);
        assertNull(p.consume(call("a", "", ""), "rows", 1024, counters));
    }

    @Test
    void countersSurviveAReloadOfTheSameLimit() {
        String text = "policy \"p\"\nagent \"*\" {\n  allow jdbc select on t\n  limit jdbc calls 2 per agent\n}\n";
        LimitCounters counters = new LimitCounters();
        valid(text).decide(call("a", "", ""), counters);
        valid(text).decide(call("a", "", ""), counters);
        assertEquals(Verdict.DENY, valid(text.replace("allow", "# reloaded\n  allow")).decide(call("a", "", ""), counters).verdict());
    }

    @Test
    void concurrentChargesAreExact() throws Exception {
        CompiledPolicy p = valid("policy \"p\"\nagent \"*\" {\n  allow jdbc select on t\n  limit jdbc calls 10000 per agent\n}\n");
        LimitCounters counters = new LimitCounters();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?>[] futures = new Future<?>[4];
            AtomicLong allowed = new AtomicLong();
            for (int t = 0; t < 4; t++) {
                futures[t] = pool.submit(() -> {
                    Request r = call("a", "", "");
                    for (int i = 0; i < 5000; i++) {
                        if (p.decide(r, counters).verdict() == Verdict.ALLOW) {
                            allowed.incrementAndGet();
                        }
                    }
                });
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertEquals(10_000, allowed.get());
        } finally {
            pool.shutdownNow();
        }
    }
}
