package io.mandate.agent.enforcement;

import io.mandate.agent.config.Mode;
import io.mandate.agent.config.OnError;
import io.mandate.agent.diagnostics.InternalErrors;
import io.mandate.agent.journal.CallRecord;
import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.ContextHolder;
import io.mandate.policy.Decision;
import io.mandate.policy.Kind;
import io.mandate.policy.LimitCounters;
import io.mandate.policy.LoadResult;
import io.mandate.policy.PolicyLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one metering path of every instrumentation: charge, journal the crossing, stop only in enforce mode. */
class VolumeMeterTest {
    private static final String POLICY = String.join("\n",
            "policy \"meter\"",
            "default deny",
            "agent \"research-*\" {",
            "  allow http GET to \"https://kb.example/**\"",
            "  limit http bytes 1KB per chain",
            "}",
            "");

    private final RecordingJournal journal = new RecordingJournal();
    private final List<String> errors = new ArrayList<>();

    @AfterEach
    void leaveChains() {
        ContextHolder.restore(null);
    }

    private VolumeMeter meter(Mode mode) {
        LoadResult loaded = PolicyLoader.parse("meter.mandate", POLICY);
        assertTrue(loaded.ok(), loaded::render);
        PolicyEnforcer enforcer = new PolicyEnforcer(loaded.policy(), mode, OnError.CLOSED, "research-bot",
                new LimitCounters(), new RevocationRegistry(), journal, new InternalErrors("test"));
        return new VolumeMeter(enforcer, (where, e) -> errors.add(where + " " + e));
    }

    private static void inChain(String id) {
        ContextHolder.attach(ChainContext.root("research-bot", id, "find articles", "alice"));
    }

    @Test
    void withinTheLimitNothingIsJournaledAndNothingStops() {
        VolumeMeter meter = meter(Mode.ENFORCE);
        inChain("c-1");
        assertTrue(meter.meters(Kind.HTTP, "bytes"));
        assertFalse(meter.meters(Kind.FILE, "bytes-read"));
        assertNull(meter.charge(Kind.HTTP, "bytes", 1000, "read", "https://kb.example/a", VolumeMeter.AS_GIVEN));
        assertNull(meter.charge(Kind.HTTP, "bytes", 24, "read", "https://kb.example/a", VolumeMeter.AS_GIVEN));
        assertEquals(List.of(), journal.calls);
    }

    @Test
    void enforceModeStopsTheReadThatCrossesTheLimitAndJournalsItAsBlocked() {
        VolumeMeter meter = meter(Mode.ENFORCE);
        inChain("c-1");
        assertNull(meter.charge(Kind.HTTP, "bytes", 1000, "read", "https://kb.example/a", VolumeMeter.AS_GIVEN));
        Decision over = meter.charge(Kind.HTTP, "bytes", 100, "read", "https://kb.example/a", VolumeMeter.AS_GIVEN);

        assertNotNull(over);
        assertEquals("limit:meter.mandate:5", over.ruleId());
        assertEquals(1, journal.calls.size());
        CallRecord call = journal.calls.get(0);
        assertEquals("http", call.kind);
        assertEquals("read", call.operation);
        assertEquals("https://kb.example/a", call.resource);
        assertEquals("DENY", call.verdict);
        assertEquals("limit:meter.mandate:5", call.ruleId);
        assertTrue(call.blocked);
        assertEquals("c-1", call.chainId);
        assertEquals("Mandate stopped http read of https://kb.example/a by rule limit:meter.mandate:5: "
                + over.reason(), VolumeMeter.message(Kind.HTTP, "read", "https://kb.example/a", over));
    }

    @Test
    void auditModeJournalsTheCrossingOnceAndLetsTheDataFlow() {
        VolumeMeter meter = meter(Mode.AUDIT);
        inChain("c-1");
        assertNull(meter.charge(Kind.HTTP, "bytes", 2000, "read", "https://kb.example/a", VolumeMeter.AS_GIVEN));
        assertNull(meter.charge(Kind.HTTP, "bytes", 2000, "read", "https://kb.example/a", VolumeMeter.AS_GIVEN));
        assertNull(meter.charge(Kind.HTTP, "bytes", 1, "read", "https://kb.example/a", VolumeMeter.AS_GIVEN));

        assertEquals(1, journal.calls.size(), "one event for the crossing, not one per read after it");
        assertEquals("DENY", journal.calls.get(0).verdict);
        assertFalse(journal.calls.get(0).blocked);
        assertEquals("audit", journal.calls.get(0).mode);
    }

    @Test
    void eachChainHasItsOwnBudget() {
        VolumeMeter meter = meter(Mode.ENFORCE);
        inChain("c-1");
        assertNull(meter.charge(Kind.HTTP, "bytes", 1024, "read", "x", VolumeMeter.AS_GIVEN));
        inChain("c-2");
        assertNull(meter.charge(Kind.HTTP, "bytes", 1024, "read", "x", VolumeMeter.AS_GIVEN));
        assertNotNull(meter.charge(Kind.HTTP, "bytes", 1, "read", "x", VolumeMeter.AS_GIVEN));
    }

    @Test
    void theResourceIsOnlyWorkedOutWhenALimitIsCrossed() {
        VolumeMeter meter = meter(Mode.ENFORCE);
        inChain("c-1");
        List<Object> described = new ArrayList<>();
        VolumeMeter.Resource describe = source -> {
            described.add(source);
            return "described";
        };
        meter.charge(Kind.HTTP, "bytes", 10, "read", "src", describe);
        meter.charge(Kind.HTTP, "bytes", 0, "read", "src", describe);
        assertEquals(List.of(), described);
        meter.charge(Kind.HTTP, "bytes", 2000, "read", "src", describe);
        assertEquals(List.of("src"), described);
        assertEquals("described", journal.calls.get(0).resource);
    }

    @Test
    void aFailingResourceIsReportedAndLetsTheDataThrough() {
        VolumeMeter meter = meter(Mode.ENFORCE);
        inChain("c-1");
        assertNull(meter.charge(Kind.HTTP, "bytes", 2000, "read", "src", source -> {
            throw new IllegalStateException("broken");
        }));
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith("http.bytes "), errors::toString);
    }
}
