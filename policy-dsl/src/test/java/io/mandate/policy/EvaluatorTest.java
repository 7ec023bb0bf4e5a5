package io.mandate.policy;

import org.junit.jupiter.api.Test;

import static io.mandate.policy.Policies.request;
import static io.mandate.policy.Policies.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluatorTest {
    private final LimitCounters counters = new LimitCounters();

    private Decision decide(CompiledPolicy p, Kind kind, String agent, String op, String resource) {
        return p.decide(request(kind, agent, op, resource), counters);
    }

    @Test
    void denyWinsOverFlagAndAllowAcrossPooledBlocksWhateverTheOrder() {
        CompiledPolicy p = valid("policy \"p\"\nagent \"a-*\" {\n  allow jdbc * on t\n  flag jdbc select on t\n}\nagent \"*\" {\n  deny jdbc select on t\n}\n");
        assertEquals("DENY by test.mandate:7 (deny jdbc select on t)", decide(p, Kind.JDBC, "a-1", "select", "t").toString());
        assertEquals(Verdict.ALLOW, decide(p, Kind.JDBC, "a-1", "insert", "t").verdict());
        assertEquals(Verdict.DENY, decide(p, Kind.JDBC, "b", "insert", "t").verdict());
    }

    @Test
    void aResourceSeenBeforeIsStillDecidedByEachRequestsConditionsAndInSourceOrder() {
        CompiledPolicy p = valid("policy \"p\"\nagent \"*\" {\n"
                + "  allow jdbc select on t when chain.depth == 0\n"
                + "  allow jdbc select on \"*\" when user == \"alice\"\n"
                + "  allow jdbc select on t\n"
                + "}\n");
        Request outside = request(Kind.JDBC, "x", "select", "t");
        Request nested = request(Kind.JDBC, "x", "select", "t").chain("c", "r", 1, "").user("alice");
        Request nestedBob = request(Kind.JDBC, "x", "select", "t").chain("c", "r", 1, "").user("bob");
        for (int round = 0; round < 3; round++) { // the first round fills the memory of matching rules, the others read it
            assertEquals("test.mandate:3", p.decide(outside, counters).ruleId());
            assertEquals("test.mandate:4", p.decide(nested, counters).ruleId());
            assertEquals("test.mandate:5", p.decide(nestedBob, counters).ruleId());
        }
    }

    @Test
    void moreDistinctResourcesThanTheMatchMemoryHoldsAreAllDecidedRight() {
        CompiledPolicy p = valid("policy \"p\"\nagent \"*\" {\n  allow jdbc select on \"t_*\"\n  deny jdbc select on t_secret\n}\n");
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 3000; i++) {
                assertEquals(Verdict.ALLOW, decide(p, Kind.JDBC, "x", "select", "t_" + i).verdict());
                assertEquals(Verdict.DENY, decide(p, Kind.JDBC, "x", "select", "u_" + i).verdict());
            }
            assertEquals(Verdict.DENY, decide(p, Kind.JDBC, "x", "select", "t_secret").verdict());
        }
    }

    @Test
    void flagBeatsAllowAndDefaultsApply() {
        CompiledPolicy allowByDefault = valid("policy \"p\"\ndefault allow\nagent \"*\" {\n  flag jdbc select on t\n}\n");
        assertEquals(Verdict.FLAG, decide(allowByDefault, Kind.JDBC, "x", "select", "t").verdict());
        assertEquals("default", decide(allowByDefault, Kind.JDBC, "x", "select", "u").ruleId());
        assertEquals(Verdict.ALLOW, decide(allowByDefault, Kind.JDBC, "x", "select", "u").verdict());
        CompiledPolicy flagByDefault = valid("policy \"p\"\ndefault flag\nagent \"*\" {\n  allow jdbc select on t\n}\n");
        Request two = request(Kind.JDBC, "x", "select", "t").access("select", "u");
        assertEquals(Verdict.FLAG, flagByDefault.decide(two, counters).verdict());
        assertEquals("default", flagByDefault.decide(two, counters).ruleId());
    }

    @Test
    void aRequestTouchingNoResourceIsAllowedUnlessAResourcelessRuleSaysOtherwise() {
        CompiledPolicy p = valid("policy \"p\"\nagent \"*\" {\n  allow jdbc select on t\n}\nagent \"locked\" {\n  deny jdbc *\n}\n");
        Request noAccess = new Request().reset(Kind.JDBC).agent("x");
        Decision decision = p.decide(noAccess, counters);
        assertEquals(Verdict.ALLOW, decision.verdict());
        assertEquals("no-resource", decision.ruleId());
        assertEquals(Verdict.DENY, p.decide(new Request().reset(Kind.JDBC).agent("locked"), counters).verdict());
        // the default still guards every real resource
        assertEquals(Verdict.DENY, decide(p, Kind.JDBC, "x", "select", "u").verdict());
    }

    @Test
    void explicitDenyIsReportedOverDefaultDenyInMultiAccessRequests() {
        CompiledPolicy p = valid("policy \"p\"\nagent \"*\" {\n  deny jdbc select on secret\n}\n");
        Request r = request(Kind.JDBC, "x", "insert", "unknown_table").access("select", "secret");
        assertEquals("test.mandate:3", p.decide(r, counters).ruleId());
    }

    @Test
    void operationsMatchCaseInsensitivelyAndUnknownOnesOnlyMatchStar() {
        CompiledPolicy p = valid("policy \"p\"\nagent \"*\" {\n  allow jdbc SELECT on t\n  allow http * to \"https://h/**\"\n}\n");
        assertEquals(Verdict.ALLOW, decide(p, Kind.JDBC, "x", "select", "t").verdict());
        assertEquals(Verdict.ALLOW, decide(p, Kind.HTTP, "x", "TRACE", "https://h/a").verdict());
        assertEquals(Verdict.DENY, decide(p, Kind.JDBC, "x", "truncate", "t").verdict());
    }

    @Test
    void tableNamesMatchFromTheRight() {
        CompiledPolicy p = valid("policy \"p\"\nagent \"*\" {\n  allow jdbc select on customers, public.notes, audit_*, s.*\n  deny jdbc unknown\n  flag jdbc call on *\n}\n");
        assertEquals(Verdict.ALLOW, decide(p, Kind.JDBC, "x", "select", "customers").verdict());
        assertEquals(Verdict.ALLOW, decide(p, Kind.JDBC, "x", "select", "db.crm.customers").verdict());
        assertEquals(Verdict.ALLOW, decide(p, Kind.JDBC, "x", "select", "notes").verdict());
        assertEquals(Verdict.ALLOW, decide(p, Kind.JDBC, "x", "select", "PUBLIC.NOTES").verdict());
        assertEquals(Verdict.DENY, decide(p, Kind.JDBC, "x", "select", "private.notes").verdict());
        assertEquals(Verdict.ALLOW, decide(p, Kind.JDBC, "x", "select", "audit_2024").verdict());
        assertEquals(Verdict.DENY, decide(p, Kind.JDBC, "x", "select", "audit").verdict());
        assertEquals(Verdict.ALLOW, decide(p, Kind.JDBC, "x", "select", "s.anything").verdict());
        assertEquals(Verdict.DENY, decide(p, Kind.JDBC, "x", "select", "anything").verdict(), "s.* matches qualified names only");
        assertEquals(Verdict.DENY, decide(p, Kind.JDBC, "x", "select", "").verdict());
        assertEquals("test.mandate:4", decide(p, Kind.JDBC, "x", "unknown", "").ruleId());
        assertEquals(Verdict.FLAG, decide(p, Kind.JDBC, "x", "call", "").verdict());
    }

    @Test
    void urlsMatchByPartWithDefaultPorts() {
        CompiledPolicy p = valid("policy \"p\"\nagent \"*\" {\n  allow http GET to \"http://h.example/x/*\", \"https://*.api.example/v1/**\", \"http://[::1]:*/**\", \"https://whole.example\"\n}\n");
        assertEquals(Verdict.ALLOW, decide(p, Kind.HTTP, "x", "GET", "http://h.example/x/y").verdict());
        assertEquals(Verdict.ALLOW, decide(p, Kind.HTTP, "x", "GET", "http://H.EXAMPLE:80/x/y").verdict());
        assertEquals(Verdict.DENY, decide(p, Kind.HTTP, "x", "GET", "http://h.example:8080/x/y").verdict());
        assertEquals(Verdict.DENY, decide(p, Kind.HTTP, "x", "GET", "http://h.example/x/y/z").verdict());
        assertEquals(Verdict.DENY, decide(p, Kind.HTTP, "x", "GET", "https://h.example/x/y").verdict());
        assertEquals(Verdict.ALLOW, decide(p, Kind.HTTP, "x", "GET", "https://eu.api.example/v1/a/b").verdict());
        assertEquals(Verdict.DENY, decide(p, Kind.HTTP, "x", "GET", "https://a.b.api.example/v1/a").verdict());
        assertEquals(Verdict.ALLOW, decide(p, Kind.HTTP, "x", "GET", "https://eu.api.example/v1").verdict());
        assertEquals(Verdict.ALLOW, decide(p, Kind.HTTP, "x", "GET", "http://[::1]:9000/a").verdict());
        assertEquals(Verdict.ALLOW, decide(p, Kind.HTTP, "x", "GET", "https://whole.example/any/path").verdict());
        assertEquals(Verdict.ALLOW, decide(p, Kind.HTTP, "x", "GET", "https://user@whole.example/").verdict());
        assertEquals(Verdict.DENY, decide(p, Kind.HTTP, "x", "GET", "not a url").verdict());
    }

    @Test
    void netFileAndProcessPatterns() {
        CompiledPolicy p = valid("policy \"p\"\nagent \"*\" {\n  allow net connect to \"10.0.*.1:5432\", \"[::1]:*\", \"db.internal\"\n"
                + "  allow file read \"/srv/kb/**\", \"/home/*/notes.txt\"\n  allow process exec \"git\", \"/opt/tools/**\"\n}\n");
        assertEquals(Verdict.ALLOW, decide(p, Kind.NET, "x", "connect", "10.0.7.1:5432").verdict());
        assertEquals(Verdict.DENY, decide(p, Kind.NET, "x", "connect", "10.0.7.1:5433").verdict());
        assertEquals(Verdict.ALLOW, decide(p, Kind.NET, "x", "connect", "[::1]:80").verdict());
        assertEquals(Verdict.ALLOW, decide(p, Kind.NET, "x", "connect", "DB.internal:1").verdict());
        assertEquals(Verdict.ALLOW, decide(p, Kind.FILE, "x", "read", "/srv/kb").verdict());
        assertEquals(Verdict.ALLOW, decide(p, Kind.FILE, "x", "read", "/srv/kb/a/b").verdict());
        assertEquals(Verdict.DENY, decide(p, Kind.FILE, "x", "read", "/srv/kbx").verdict());
        assertEquals(Verdict.ALLOW, decide(p, Kind.FILE, "x", "read", "/home/ann/notes.txt").verdict());
        assertEquals(Verdict.DENY, decide(p, Kind.FILE, "x", "read", "/home/ann/x/notes.txt").verdict());
        assertEquals(Verdict.ALLOW, decide(p, Kind.PROCESS, "x", "exec", "/usr/bin/git").verdict());
        assertEquals(Verdict.DENY, decide(p, Kind.PROCESS, "x", "exec", "/usr/bin/gitk").verdict());
        assertEquals(Verdict.ALLOW, decide(p, Kind.PROCESS, "x", "exec", "/opt/tools/bin/x").verdict());
    }

    @Test
    void conditionsSeeEveryAttribute() {
        CompiledPolicy p = valid("policy \"p\"\nagent \"*\" {\n"
                + "  allow jdbc select on t when tool == \"q\" and chain.depth <= 2 and chain.purpose matches \"support*\""
                + " and user in [\"ann\", \"bob\"] and agent != \"evil\" and time.hour >= 8 and time.hour < 18 and not trust < 0.5\n}\n");
        Request r = request(Kind.JDBC, "bot", "select", "t").step("s", "q").chain("c", "c", 2, "support tickets").user("ann").hourOfDay(9).trust(0.9);
        assertEquals(Verdict.ALLOW, p.decide(r, counters).verdict());
        assertEquals(Verdict.DENY, p.decide(r.hourOfDay(18), counters).verdict());
        assertEquals(Verdict.DENY, p.decide(r.hourOfDay(9).trust(0.4), counters).verdict());
        assertEquals(Verdict.DENY, p.decide(r.trust(0.9).user("eve"), counters).verdict());
        assertEquals(Verdict.DENY, p.decide(r.user("ann").agent("evil"), counters).verdict());
        assertEquals(Verdict.ALLOW, p.decide(r.agent("bot"), counters).verdict());
    }

    @Test
    void decideIsTotal() {
        CompiledPolicy p = valid("policy \"p\"\nagent \"*\" {\n  allow jdbc select on t\n}\n");
        assertEquals(Verdict.DENY, p.decide(new Request(), counters).verdict());
        assertEquals(Verdict.DENY, p.decide(new Request().reset(Kind.JDBC).access(null, null), counters).verdict());
        assertEquals("no-resource", p.decide(new Request().reset(Kind.JDBC), counters).ruleId());
        assertEquals(Verdict.DENY, p.decide(new Request().reset(Kind.HTTP), counters).verdict());
        assertEquals(Verdict.ALLOW, p.decide(request(Kind.JDBC, "x", "select", "t"), null).verdict());
        assertEquals(null, p.consume(new Request(), "rows", 5, counters));
    }

    @Test
    void decisionsCarryThePolicyHashAndExplicitIds() {
        CompiledPolicy p = valid("policy \"p\"\nagent \"*\" {\n  @id(\"read-t\") allow jdbc select on t\n}\n");
        Decision d = decide(p, Kind.JDBC, "x", "select", "t");
        assertEquals("read-t", d.ruleId());
        assertEquals(p.hash(), d.policyHash());
        assertEquals(p.hash(), valid("# comments do not change the hash\npolicy   \"p\"\n\nagent \"*\" { @id(\"read-t\") allow jdbc select on t }").hash());
    }

    @Test
    void agentIdentitiesAreGlobMatchedAndCached() {
        CompiledPolicy p = valid("policy \"p\"\nagent \"support-*\" {\n  allow jdbc select on t\n}\n");
        for (int i = 0; i < 10_000; i++) {
            assertEquals(Verdict.ALLOW, decide(p, Kind.JDBC, "support-" + i, "select", "t").verdict());
        }
        assertEquals(Verdict.DENY, decide(p, Kind.JDBC, "supportx", "select", "t").verdict());
        assertFalse(p.meters(Kind.JDBC, "rows"));
        assertTrue(valid("policy \"p\"\nagent \"*\" {\n  limit jdbc rows 5 per chain\n}\n").meters(Kind.JDBC, "rows"));
    }
}
