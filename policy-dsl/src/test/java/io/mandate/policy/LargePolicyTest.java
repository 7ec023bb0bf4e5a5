package io.mandate.policy;

import io.mandate.policy.testing.PolicyGenerator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Large policies load and decide correctly; how fast is the benchmark's business. */
class LargePolicyTest {
    @Test
    void aGenerated10000RulePolicyLoads() {
        String text = PolicyGenerator.generate(42, 10_000, 500);
        LoadResult r = PolicyLoader.parse("big.mandate", text);
        assertTrue(r.ok(), r.render().lines().limit(20).reduce("", (a, b) -> a + b + "\n"));
        int rules = r.ast().agents().stream().mapToInt(b -> b.rules().size()).sum();
        assertEquals(10_000, rules);
    }

    @Test
    void aFlat10000RulePolicyFindsEachRule() {
        StringBuilder s = new StringBuilder("policy \"flat\"\nagent \"*\" {\n");
        for (int i = 0; i < 10_000; i++) {
            s.append(i % 10 == 0 ? "  deny" : "  allow").append(" jdbc select on s").append(i % 7).append(".table_").append(i).append('\n');
        }
        s.append("}\n");
        LoadResult r = PolicyLoader.parse("flat.mandate", s.toString());
        assertTrue(r.ok(), r.render());
        CompiledPolicy p = r.policy();
        LimitCounters counters = new LimitCounters();
        for (int i = 0; i < 10_000; i += 37) {
            Decision d = p.decide(Policies.request(Kind.JDBC, "a", "select", "table_" + i), counters);
            assertEquals(i % 10 == 0 ? Verdict.DENY : Verdict.ALLOW, d.verdict(), "table_" + i);
            assertEquals("flat.mandate:" + (i + 3), d.ruleId());
            assertEquals(Verdict.DENY, p.decide(Policies.request(Kind.JDBC, "a", "select", "other.table_" + i), counters).verdict());
        }
        assertEquals("default", p.decide(Policies.request(Kind.JDBC, "a", "select", "table_10000"), counters).ruleId());
    }
}
