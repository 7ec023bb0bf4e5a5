package io.mandate.policy;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The allow path allocates nothing in steady state: measured with the JVM's per-thread allocation counter. */
class AllocationTest {
    @Test
    void decidingAnAllowedCallAllocatesNothing() throws Exception {
        var threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads instanceof com.sun.management.ThreadMXBean, "needs the HotSpot thread allocation counter");
        var hotspot = (com.sun.management.ThreadMXBean) threads;
        CompiledPolicy policy = PolicyLoader.load(ExamplePolicyTest.example()).policy();
        LimitCounters counters = new LimitCounters();
        Request jdbc = new Request();
        Request http = new Request();
        Request file = new Request();
        long tid = Thread.currentThread().getId();
        for (int round = 0; round < 2; round++) {
            long before = hotspot.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 200_000; i++) {
                jdbc.reset(Kind.JDBC).agent("support-bot").chain("c-1", "c-1", 1, "").step("s", "add_note")
                        .access("insert", "public.ticket_notes").access("select", "customers");
                assertEquals(Verdict.ALLOW, policy.decide(jdbc, counters).verdict());
                file.reset(Kind.FILE).agent("support-bot").access("read", "/srv/kb/articles/a.md");
                assertEquals(Verdict.ALLOW, policy.decide(file, counters).verdict());
                http.reset(Kind.HTTP).agent("support-bot").access("GET", "https://api.helpdesk.example/v2/t");
                policy.decide(http, counters); // rate-limited after 20 a second: both paths must not allocate
            }
            long allocated = hotspot.getThreadAllocatedBytes(tid) - before;
            if (round == 1) {
                assertTrue(allocated < 200_000, "allocated " + allocated + " bytes in 600,000 decisions");
            }
        }
    }
}
