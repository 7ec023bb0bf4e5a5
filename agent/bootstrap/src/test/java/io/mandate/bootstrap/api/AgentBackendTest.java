package io.mandate.bootstrap.api;

import io.mandate.api.Chain;
import io.mandate.api.MandateContext;
import io.mandate.api.Step;
import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.ContextHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentBackendTest {
    private final List<String> events = new ArrayList<>();
    private final List<String> revoked = new ArrayList<>();
    private final AgentBackend backend = new AgentBackend("desk-service", new ChainLifecycleListener() {
        @Override
        public void chainOpened(ChainContext chain) {
            events.add("chain.open " + chain.agent() + " depth " + chain.depth());
        }

        @Override
        public void chainClosed(ChainContext chain) {
            events.add("chain.close " + chain.agent());
        }

        @Override
        public void stepOpened(ChainContext step) {
            events.add("step.open " + step.tool());
        }

        @Override
        public void stepClosed(ChainContext step, Throwable failure) {
            events.add("step.close " + step.tool() + (failure == null ? "" : " failed " + failure.getMessage()));
        }
    }, (chainId, reason) -> revoked.add(chainId + " " + reason));

    @AfterEach
    void everyTestLeavesItsThreadAsItFoundIt() {
        assertEquals(0, ScopeStack.current().size());
        ContextHolder.restore(null);
    }

    @Test
    void aChainIsCurrentUntilClosedAndThePreviousContextComesBack() {
        assertNull(backend.current());

        try (Chain chain = backend.openChain("support-bot", "answer ticket 42", "alice")) {
            MandateContext current = backend.current();
            assertSame(chain.context(), current);
            assertEquals(chain.id(), current.chainId());
            assertEquals("support-bot", current.agent());
            assertEquals("alice", current.user());
            assertEquals(1, current.depth());
            assertEquals("", current.parentChainId());
            assertEquals(chain.id(), current.rootChainId());
        }

        assertNull(backend.current());
        assertEquals(List.of("chain.open support-bot depth 1", "chain.close support-bot"), events);
    }

    @Test
    void delegatingOpensAChildChainOfTheCurrentOne() {
        try (Chain parent = backend.openChain("support-bot", "answer ticket 42", "alice");
             Chain child = backend.delegate("billing-bot", "check the refund")) {
            MandateContext current = backend.current();
            assertEquals(child.id(), current.chainId());
            assertEquals(parent.id(), current.parentChainId());
            assertEquals(parent.id(), current.rootChainId());
            assertEquals(2, current.depth());
            assertEquals("billing-bot", current.agent());
            assertEquals("alice", current.user());
            assertEquals("check the refund", current.purpose());
        }
        assertNull(backend.current());
    }

    @Test
    void delegatingOutsideAnyChainOpensARootChain() {
        try (Chain chain = backend.delegate("billing-bot", "nightly refunds")) {
            assertEquals(1, chain.context().depth());
            assertEquals("billing-bot", chain.context().agent());
        }
    }

    @Test
    void aStepAddsTheToolToTheChainUntilItCloses() {
        try (Chain chain = backend.openChain("support-bot", "", "alice")) {
            try (Step step = backend.openStep("lookup_customer", "ab12")) {
                MandateContext current = backend.current();
                assertEquals(chain.id(), current.chainId());
                assertEquals(step.id(), current.stepId());
                assertEquals("lookup_customer", current.tool());
                assertEquals("ab12", current.argumentsDigest());
                step.failed(new IllegalStateException("no such customer"));
            }
            assertSame(chain.context(), backend.current());
        }
        assertEquals(List.of("chain.open support-bot depth 1", "step.open lookup_customer",
                "step.close lookup_customer failed no such customer", "chain.close support-bot"), events);
    }

    @Test
    void aStepOutsideAnyChainRunsInARootChainOfTheConfiguredIdentity() {
        try (Step step = backend.openStep("reindex", "")) {
            assertEquals("desk-service", backend.current().agent());
            assertEquals(1, backend.current().depth());
            assertEquals(step.id(), backend.current().stepId());
        }
        assertNull(backend.current());
        assertEquals(List.of("chain.open desk-service depth 1", "step.open reindex", "step.close reindex",
                "chain.close desk-service"), events);
    }

    @Test
    void closingAnOuterScopeFirstClosesWhatWasOpenedInsideIt() {
        Chain chain = backend.openChain("support-bot", "", "alice");
        Step step = backend.openStep("lookup_customer", "");
        Chain child = backend.delegate("billing-bot", "");

        chain.close();

        assertNull(backend.current());
        assertEquals(List.of("chain.open support-bot depth 1", "step.open lookup_customer",
                "chain.open billing-bot depth 2", "chain.close billing-bot", "step.close lookup_customer",
                "chain.close support-bot"), events);

        step.close();
        child.close();
        assertNull(backend.current());
        assertEquals(6, events.size());
    }

    @Test
    void closingTwiceReportsOnceAndChangesNothing() {
        try (Chain outer = backend.openChain("support-bot", "", "alice")) {
            Chain inner = backend.delegate("billing-bot", "");
            inner.close();
            inner.close();
            assertSame(outer.context(), backend.current());
        }
        assertEquals(4, events.size());
    }

    @Test
    void closingOnAnotherThreadRecordsTheCloseButLeavesThisThreadsContext() throws InterruptedException {
        Chain chain = backend.openChain("support-bot", "", "alice");

        Thread closer = new Thread(chain::close);
        closer.start();
        closer.join();

        assertSame(chain.context(), backend.current());
        assertEquals("chain.close support-bot", events.get(events.size() - 1));
        ScopeStack.current().close((Scope) chain);
        assertNull(backend.current());
    }

    @Test
    void revocationGoesToTheCoresRegistry() {
        assertTrue(backend.revokeChain("c-1", "operator"));
        assertFalse(backend.revokeChain("", "no chain"));
        assertFalse(backend.revokeChain(null, "no chain"));

        assertEquals(List.of("c-1 operator"), revoked);
    }

    @Test
    void idsAreUniqueAndCarryTheRunPrefix() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            try (Chain chain = backend.openChain("a", "", ""); Step step = backend.openStep("t", "")) {
                ids.add(chain.id());
                ids.add(step.id());
            }
        }
        assertEquals(200, ids.size());
        String chainId = ids.stream().filter(id -> id.startsWith("c-")).findFirst().orElseThrow();
        String stepId = ids.stream().filter(id -> id.startsWith("s-")).findFirst().orElseThrow();
        assertEquals(chainId.split("-")[1], stepId.split("-")[1]);
        try (Chain otherRun = new AgentBackend("x", new NoEvents(), (id, reason) -> true).openChain("a", "", "")) {
            assertNotEquals(otherRun.id().split("-")[1], chainId.split("-")[1]);
        }
    }

    @Test
    void aFailingListenerNeverReachesTheApplication() {
        AgentBackend failing = new AgentBackend("x", new ChainLifecycleListener() {
            @Override
            public void chainOpened(ChainContext chain) {
                throw new IllegalStateException("journal down");
            }

            @Override
            public void chainClosed(ChainContext chain) {
                throw new IllegalStateException("journal down");
            }

            @Override
            public void stepOpened(ChainContext step) {
                throw new IllegalStateException("journal down");
            }

            @Override
            public void stepClosed(ChainContext step, Throwable failure) {
                throw new IllegalStateException("journal down");
            }
        }, (chainId, reason) -> true);

        try (Chain chain = failing.openChain("a", "", ""); Step step = failing.openStep("t", "")) {
            assertEquals(step.id(), failing.current().stepId());
            assertEquals(chain.id(), failing.current().chainId());
        }
        assertNull(failing.current());
    }

    @Test
    void scopesNeverClosedDoNotGrowTheThreadsStackWithoutEnd() {
        AgentBackend quiet = new AgentBackend("x", new NoEvents(), (chainId, reason) -> true);
        List<Chain> leaked = new ArrayList<>();
        for (int i = 0; i < ScopeStack.CAPACITY * 3; i++) {
            leaked.add(quiet.openChain("leaky", "", ""));
        }
        assertEquals(ScopeStack.CAPACITY, ScopeStack.current().size());

        // the forgotten ones close without touching the context; the rest unwind the stack
        for (int i = leaked.size() - 1; i >= 0; i--) {
            leaked.get(i).close();
        }
        assertEquals(0, ScopeStack.current().size());
    }

    private static final class NoEvents implements ChainLifecycleListener {
        @Override
        public void chainOpened(ChainContext chain) {
        }

        @Override
        public void chainClosed(ChainContext chain) {
        }

        @Override
        public void stepOpened(ChainContext step) {
        }

        @Override
        public void stepClosed(ChainContext step, Throwable failure) {
        }
    }
}
