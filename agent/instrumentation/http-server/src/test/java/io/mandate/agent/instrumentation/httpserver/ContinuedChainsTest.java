package io.mandate.agent.instrumentation.httpserver;

import io.mandate.agent.instrumentation.lineage.LineageClaims;
import io.mandate.agent.instrumentation.lineage.LineageCodec;
import io.mandate.agent.instrumentation.lineage.LineageVerifier;
import io.mandate.agent.instrumentation.lineage.TrustedKeys;
import io.mandate.agent.journal.CallRecord;
import io.mandate.agent.journal.Journal;
import io.mandate.agent.journal.RunIdentity;
import io.mandate.api.Chain;
import io.mandate.api.MandateContext;
import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.ContextHolder;
import io.mandate.bootstrap.lineage.IncomingLineage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContinuedChainsTest {
    private static final long NOW = 1_790_000_000_000L;

    private final KeyPair operator = ed25519();
    private final RunIdentity sender = RunIdentity.create("run-sender", operator.getPrivate());
    private final RecordingJournal journal = new RecordingJournal();
    private final List<ChainContext> delegatedFrom = new ArrayList<>();
    private final List<String> closed = new ArrayList<>();
    private final ContinuedChains receiver = new ContinuedChains(
            new LineageVerifier(TrustedKeys.of(List.of(operator.getPublic()))), "kb-service", journal, () -> NOW,
            (where, error) -> {
                throw new AssertionError(where, error);
            }, this::delegate);

    @AfterEach
    void leaveNoContext() {
        ContextHolder.restore(null);
        IncomingLineage.uninstall();
    }

    @Test
    void anAcceptedHeaderDelegatesFromTheSendersChainUntilTheHandlingEnds() {
        ChainContext before = ChainContext.root("server-bot", "c-local", "", "");
        ContextHolder.attach(before);

        Runnable end = receiver.begin(header(NOW + 60_000), "GET", "/kb/article");

        assertNotNull(end);
        ChainContext parent = delegatedFrom.get(0);
        assertEquals("c-r1", parent.rootChainId());
        assertEquals("c-r2", parent.chainId());
        assertEquals("c-r1", parent.parentChainId());
        assertEquals(2, parent.depth());
        assertEquals("research-bot", parent.agent());
        assertEquals("s-r3", parent.stepId());
        assertEquals("c-continued", ContextHolder.current().chainId());
        assertEquals(3, ContextHolder.current().depth());
        Map<String, String> accepted = journal.only("lineage.accept");
        assertEquals("c-continued", accepted.get("chainId"));
        assertEquals("kb-service", accepted.get("agent"));
        assertEquals("c-r2", accepted.get("parentChainId"));
        assertEquals("c-r1", accepted.get("rootChainId"));
        assertEquals("3", accepted.get("depth"));
        assertEquals("research-bot", accepted.get("remoteAgent"));
        assertEquals("s-r3", accepted.get("remoteStepId"));
        assertEquals("run-sender", accepted.get("remoteRunId"));
        assertEquals("operator key " + TrustedKeys.fingerprint(operator.getPublic().getEncoded()), accepted.get("trustedBy"));
        assertEquals("/kb/article", accepted.get("target"));

        end.run();

        assertEquals(List.of("c-continued"), closed);
        assertSame(before, ContextHolder.current());
    }

    @Test
    void aRefusedHeaderIsJournaledWithWhatItClaimedAndChangesNothing() {
        Runnable end = receiver.begin(header(NOW - 60_000), "POST", "/kb/notes");

        assertNull(end);
        assertNull(ContextHolder.current());
        assertTrue(delegatedFrom.isEmpty());
        Map<String, String> rejected = journal.only("lineage.reject");
        assertEquals("expired", rejected.get("outcome"));
        assertEquals("POST", rejected.get("method"));
        assertEquals("/kb/notes", rejected.get("target"));
        assertEquals("c-r2", rejected.get("claimedChainId"));
        assertEquals("run-sender", rejected.get("claimedRunId"));
        assertTrue(rejected.get("detail").startsWith("expired "), rejected.get("detail"));

        assertNull(receiver.begin("v1.garbage", "GET", "/"));
        assertEquals("malformed", journal.events.get(1).getValue().get("outcome"));
        assertNull(receiver.begin(null, "GET", "/"));
        assertEquals(2, journal.events.size());
    }

    @Test
    void onlyTheOutermostHandlingOnAThreadIsHandedTheHeader() {
        List<String> begun = new ArrayList<>();
        IncomingLineage.install((header, method, target) -> {
            begun.add(header);
            return () -> begun.add("end " + header);
        });

        Object outer = IncomingLineage.enter("h-outer", "GET", "/a");
        Object inner = IncomingLineage.enter("h-inner", "GET", "/a");
        IncomingLineage.exit(inner);
        IncomingLineage.exit(outer);
        Object next = IncomingLineage.enter("h-next", "GET", "/b");
        IncomingLineage.exit(next);

        assertEquals(List.of("h-outer", "end h-outer", "h-next", "end h-next"), begun);
    }

    @Test
    void aReceiverThatThrowsLeavesTheRequestAlone() {
        IncomingLineage.install((header, method, target) -> {
            throw new IllegalStateException("broken");
        });

        Object handling = IncomingLineage.enter("h", "GET", "/");
        IncomingLineage.exit(handling);

        assertNull(handling);
        Object again = IncomingLineage.enter(null, null, null); // the depth count was left balanced
        assertNull(again);
        IncomingLineage.exit(again);
    }

    private Chain delegate(String childAgent) {
        ChainContext parent = ContextHolder.current();
        delegatedFrom.add(parent);
        ChainContext child = parent.child(childAgent, "c-continued", "");
        ChainContext replaced = ContextHolder.attach(child);
        return new Chain() {
            @Override public String id() { return child.chainId(); }

            @Override public MandateContext context() { return child; }

            @Override
            public void close() {
                closed.add(child.chainId());
                ContextHolder.restore(replaced);
            }
        };
    }

    private String header(long expiresAt) {
        byte[] payload = LineageCodec.payload(new LineageClaims(expiresAt - 60_000, expiresAt, sender.runId(),
                sender.publicKey(), sender.operatorCertificate(), "research-bot", "s-r3", List.of("c-r1", "c-r2")));
        return LineageCodec.header(payload, sender.sign(LineageCodec.DOMAIN, payload));
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class RecordingJournal implements Journal {
        final List<Map.Entry<String, Map<String, String>>> events = new ArrayList<>();

        @Override public void recordCall(CallRecord call) { }

        @Override
        public void recordLifecycle(String type, Map<String, String> attributes) {
            events.add(Map.entry(type, Map.copyOf(attributes)));
        }

        Map<String, String> only(String type) {
            List<Map<String, String>> matching = events.stream().filter(e -> e.getKey().equals(type))
                    .map(Map.Entry::getValue).toList();
            assertEquals(1, matching.size(), events::toString);
            return matching.get(0);
        }

        @Override public void flush() { }

        @Override public void close() { }
    }
}
