package io.mandate.agent.enforcement;

import io.mandate.agent.config.Mode;
import io.mandate.agent.config.OnError;
import io.mandate.agent.diagnostics.InternalErrors;
import io.mandate.agent.journal.CallRecord;
import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.ContextHolder;
import io.mandate.policy.CompiledPolicy;
import io.mandate.policy.Decision;
import io.mandate.policy.Kind;
import io.mandate.policy.LimitCounters;
import io.mandate.policy.LoadResult;
import io.mandate.policy.PolicyLoader;
import io.mandate.policy.Request;
import io.mandate.policy.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class PolicyEnforcerTest {
    private static final String POLICY = String.join("\n",
            "policy \"desk\"",
            "default deny",
            "agent \"support-*\" {",
            "  allow jdbc select on customers, tickets",
            "  deny jdbc * on salaries reason \"salary data is off limits\"",
            "  flag jdbc select on orders",
            "  limit jdbc rows 100 per chain",
            "}",
            "agent \"*\" {",
            "  allow jdbc select on kb_articles unless chain.depth > 2",
            "}",
            "");

    private final RecordingJournal journal = new RecordingJournal();
    private final RevocationRegistry revocations = new RevocationRegistry();
    private final InternalErrors errors = new InternalErrors("test");

    @AfterEach
    void leaveChains() {
        ContextHolder.restore(null);
    }

    private static CompiledPolicy policy() {
        LoadResult result = PolicyLoader.parse("desk.mandate", POLICY);
        assertTrue(result.ok(), result::render);
        return result.policy();
    }

    private PolicyEnforcer enforcer(CompiledPolicy policy, Mode mode, OnError onError) {
        return new PolicyEnforcer(policy, mode, onError, "desk-service", new LimitCounters(), revocations, journal,
                errors);
    }

    private static ChainContext supportChain() {
        return ChainContext.root("support-bot", "c-1", "answer ticket 42", "alice").withStep("s-1", "lookup", "ab12");
    }

    @Test
    void aCallInAChainIsDecidedForTheChainsAgentAndJournaledWithItsContext() {
        PolicyEnforcer enforcer = enforcer(policy(), Mode.ENFORCE, OnError.CLOSED);
        ChainContext child = supportChain().child("support-helper", "c-2", "look up the customer");
        ContextHolder.attach(child);

        Request request = enforcer.request(Kind.JDBC).access("select", "customers");
        Decision decision = enforcer.decide(request);
        enforcer.record(request, decision, enforcer.blocks(decision), null, "SELECT * FROM customers WHERE id = ?",
                1_000L, 20L, null);

        assertEquals(Verdict.ALLOW, decision.verdict());
        assertFalse(enforcer.blocks(decision));
        assertEquals("support-helper", request.agent());
        assertEquals(2, request.chainDepth());
        CallRecord call = journal.calls.get(0);
        assertEquals("support-helper", call.agent);
        assertEquals("c-2", call.chainId);
        assertEquals("c-1", call.parentChainId);
        assertEquals("c-1", call.rootChainId);
        assertEquals(2, call.depth);
        assertEquals("alice", call.user);
        assertEquals("jdbc", call.kind);
        assertEquals("select", call.operation);
        assertEquals("SELECT * FROM customers WHERE id = ?", call.resource);
        assertEquals(1, call.accessCount);
        assertEquals("customers", call.accessResources[0]);
        assertEquals("ALLOW", call.verdict);
        assertEquals("enforce", call.mode);
        assertEquals(enforcer.policy().hash(), call.policyHash);
        assertFalse(call.blocked);
        assertEquals("", call.error);
    }

    @Test
    void outsideAnyChainTheConfiguredIdentityIsDecidedAtDepthZero() {
        PolicyEnforcer enforcer = enforcer(policy(), Mode.ENFORCE, OnError.CLOSED);

        Request request = enforcer.request(Kind.JDBC).access("select", "kb_articles");
        Decision decision = enforcer.decide(request);

        assertEquals("desk-service", request.agent());
        assertEquals(0, request.chainDepth());
        assertEquals("", request.chainId());
        assertEquals(Verdict.ALLOW, decision.verdict());
        assertTrue(request.hourOfDay() >= 0 && request.hourOfDay() < 24);
    }

    @Test
    void aPolicyThatReadsTheHourIsDecidedAtTheCurrentHour() {
        for (int attempt = 0; attempt < 2; attempt++) {
            int hour = java.time.ZonedDateTime.now().getHour();
            LoadResult loaded = PolicyLoader.parse("hours.mandate", String.join("\n",
                    "policy \"hours\"",
                    "default deny",
                    "agent \"*\" {",
                    "  allow jdbc select on kb_articles when time.hour == " + hour,
                    "}", ""));
            assertTrue(loaded.ok(), loaded::render);
            assertTrue(loaded.policy().readsHourOfDay());
            PolicyEnforcer enforcer = enforcer(loaded.policy(), Mode.ENFORCE, OnError.CLOSED);

            Decision decision = enforcer.decide(enforcer.request(Kind.JDBC).access("select", "kb_articles"));

            if (java.time.ZonedDateTime.now().getHour() == hour) {
                assertEquals(Verdict.ALLOW, decision.verdict());
                return;
            }
            // the hour turned while deciding: decide again in the new hour
        }
    }

    @Test
    void aPolicyWithoutHourConditionsSaysSo() {
        assertFalse(policy().readsHourOfDay());
    }

    @Test
    void aDenyBlocksInEnforceModeAndOnlyIsJournaledInAuditMode() {
        ContextHolder.attach(supportChain());
        PolicyEnforcer enforcing = enforcer(policy(), Mode.ENFORCE, OnError.CLOSED);
        PolicyEnforcer auditing = enforcer(policy(), Mode.AUDIT, OnError.OPEN);

        Decision enforced = enforcing.decide(enforcing.request(Kind.JDBC).access("select", "salaries"));
        Decision audited = auditing.decide(auditing.request(Kind.JDBC).access("select", "salaries"));

        assertEquals(Verdict.DENY, enforced.verdict());
        assertEquals("salary data is off limits", enforced.reason());
        assertTrue(enforcing.blocks(enforced));
        assertEquals(Verdict.DENY, audited.verdict());
        assertFalse(auditing.blocks(audited));
    }

    @Test
    void aFlagLetsTheCallThrough() {
        ContextHolder.attach(supportChain());
        PolicyEnforcer enforcer = enforcer(policy(), Mode.ENFORCE, OnError.CLOSED);

        Decision decision = enforcer.decide(enforcer.request(Kind.JDBC).access("select", "orders"));

        assertEquals(Verdict.FLAG, decision.verdict());
        assertFalse(enforcer.blocks(decision));
    }

    @Test
    void revokingAChainStopsItAndEveryChainDelegatedFromItInEveryMode() {
        PolicyEnforcer auditing = enforcer(policy(), Mode.AUDIT, OnError.OPEN);
        ChainContext parent = supportChain();
        ChainContext child = parent.child("support-helper", "c-2", "");
        ChainContext unrelated = ChainContext.root("support-bot", "c-9", "", "bob");

        revocations.revoke("c-1", "operator");

        ContextHolder.attach(child);
        Decision childDecision = auditing.decide(auditing.request(Kind.JDBC).access("select", "customers"));
        assertEquals(PolicyEnforcer.REVOKED_RULE, childDecision.ruleId());
        assertTrue(auditing.blocks(childDecision));

        ContextHolder.attach(unrelated);
        Decision unrelatedDecision = auditing.decide(auditing.request(Kind.JDBC).access("select", "customers"));
        assertEquals(Verdict.ALLOW, unrelatedDecision.verdict());
        assertFalse(auditing.blocks(unrelatedDecision));
    }

    @Test
    void withoutAPolicyEveryCallIsDeniedByDefaultButOnlyEnforceModeBlocksIt() {
        PolicyEnforcer enforcing = enforcer(null, Mode.ENFORCE, OnError.CLOSED);
        PolicyEnforcer auditing = enforcer(null, Mode.AUDIT, OnError.OPEN);

        Decision enforced = enforcing.decide(enforcing.request(Kind.HTTP).access("GET", "https://example.org/"));
        Decision audited = auditing.decide(auditing.request(Kind.HTTP).access("GET", "https://example.org/"));

        assertEquals(PolicyEnforcer.NO_POLICY_RULE, enforced.ruleId());
        assertTrue(enforcing.blocks(enforced));
        assertEquals(Verdict.DENY, audited.verdict());
        assertFalse(auditing.blocks(audited));
        assertFalse(enforcing.meters(Kind.JDBC, "rows"));
        assertNull(enforcing.consume(enforcing.request(Kind.JDBC), "rows", 1_000_000));
    }

    @Test
    void anInternalErrorFollowsTheFailureModeAndIsReportedOncePerPlace() {
        CompiledPolicy broken = mock(CompiledPolicy.class);
        when(broken.decide(any(), any())).thenThrow(new IllegalStateException("evaluator bug"));
        PolicyEnforcer open = enforcer(broken, Mode.ENFORCE, OnError.OPEN);
        PolicyEnforcer closed = enforcer(broken, Mode.ENFORCE, OnError.CLOSED);

        Decision letThrough = open.decide(open.request(Kind.JDBC).access("select", "customers"));
        Decision denied = closed.decide(closed.request(Kind.JDBC).access("select", "customers"));
        closed.decide(closed.request(Kind.JDBC).access("select", "customers"));

        assertEquals(Verdict.ALLOW, letThrough.verdict());
        assertEquals(PolicyEnforcer.INTERNAL_ERROR_RULE, letThrough.ruleId());
        assertFalse(open.blocks(letThrough));
        assertEquals(Verdict.DENY, denied.verdict());
        assertTrue(closed.blocks(denied));
        assertEquals(3, errors.total());
    }

    @Test
    void aVolumeLimitStopsTheCallOnlyWhenTheModeBlocks() {
        ContextHolder.attach(supportChain());
        PolicyEnforcer enforcing = enforcer(policy(), Mode.ENFORCE, OnError.CLOSED);
        PolicyEnforcer auditing = enforcer(policy(), Mode.AUDIT, OnError.OPEN);
        assertTrue(enforcing.meters(Kind.JDBC, "rows"));

        Request enforcedRequest = enforcing.request(Kind.JDBC).access("select", "customers");
        enforcing.decide(enforcedRequest);
        assertNull(enforcing.consume(enforcedRequest, "rows", 100));
        Decision overLimit = enforcing.consume(enforcedRequest, "rows", 1);

        Request auditedRequest = auditing.request(Kind.JDBC).access("select", "customers");
        auditing.decide(auditedRequest);

        assertNotNull(overLimit);
        assertEquals(Verdict.DENY, overLimit.verdict());
        assertTrue(enforcing.blocks(overLimit));

        Decision auditedOverLimit = auditing.consume(auditedRequest, "rows", 101);
        assertNotNull(auditedOverLimit, "audit mode journals what enforce mode would have stopped");
        assertEquals(Verdict.DENY, auditedOverLimit.verdict());
        assertFalse(auditing.blocks(auditedOverLimit));
        assertNull(auditing.consume(auditedRequest, "rows", 1), "the crossing is reported once, not for every row after it");
    }

    @Test
    void aCallIsJournaledWithTheContextItsRequestWasBuiltIn() {
        PolicyEnforcer enforcer = enforcer(policy(), Mode.AUDIT, OnError.OPEN);
        ChainContext parent = ChainContext.root("support-bot", "c-parent", "", "alice");
        ContextHolder.attach(parent.child("researcher", "c-child", "look up the customer"));
        Request inChild = enforcer.request(Kind.JDBC).access("select", "kb_articles");
        ContextHolder.attach(null); // the call ends after its thread left the chain (an async completion)

        Request outside = enforcer.request(Kind.JDBC).access("select", "kb_articles");
        enforcer.record(inChild, enforcer.decide(inChild), false, null, null, 1L, 1L, null);

        assertNotSame(inChild, outside, "every call has its own request");
        CallRecord call = journal.calls.get(0);
        assertEquals("c-child", call.chainId);
        assertEquals("c-parent", call.parentChainId);
    }

    @Test
    void theAllowPathAllocatesOnlyTheCallsOwnShortLivedObjects() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        PolicyEnforcer enforcer = enforcer(policy(), Mode.ENFORCE, OnError.CLOSED);
        journal.keepCalls = false;
        ContextHolder.attach(ChainContext.root("support-bot", "c-1", "", "alice"));
        for (int i = 0; i < 20_000; i++) { // warm-up: thread-locals, hour clock, JIT
            allowedCall(enforcer);
        }

        long threadId = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < 10_000; i++) {
            allowedCall(enforcer);
        }
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        assertEquals(30_000, journal.callCount);
        // a fresh request per call (this caller does not reuse one) and, from this journal, a fresh
        // record (the real one fills its own): a few hundred bytes, nothing that grows with the policy
        // or the chain; ReusedCallsTest in the JDBC module checks the reusing path allocates nothing
        assertTrue(allocated < 10_000 * 512L, "allocated " + allocated + " bytes over 10,000 allowed calls");
    }

    private static void allowedCall(PolicyEnforcer enforcer) {
        Request request = enforcer.request(Kind.JDBC).access("select", "kb_articles");
        Decision decision = enforcer.decide(request);
        enforcer.record(request, decision, enforcer.blocks(decision), null, null, 1L, 1L, null);
    }
}
