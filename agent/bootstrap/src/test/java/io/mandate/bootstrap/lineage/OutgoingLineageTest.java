package io.mandate.bootstrap.lineage;

import io.mandate.bootstrap.CallGuard;
import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.ContextHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutgoingLineageTest {
    private static final String URL = "http://127.0.0.1:8080/kb/article?q=1";

    private final ChainContext step = ChainContext.root("research-bot", "c-1", "", "").withStep("s-2", "fetch", "");
    private final List<ChainContext> signed = new ArrayList<>();
    private final List<Boolean> guarded = new ArrayList<>();

    @BeforeEach
    void install() {
        OutgoingLineage.install(context -> {
            signed.add(context);
            guarded.add(CallGuard.active());
            return "v1.header-of-" + context.stepId();
        });
    }

    @AfterEach
    void uninstall() {
        OutgoingLineage.install(context -> "");
        OutgoingLineage.headerFor(URL); // answers a decision left unanswered: nothing of one test reaches the next
        OutgoingLineage.uninstall();
        ContextHolder.restore(null);
    }

    @Test
    void theRequestJustAllowedInAChainGetsItsHeaderOnce() {
        ContextHolder.attach(step);
        OutgoingLineage.decided(URL, true);

        assertEquals("v1.header-of-s-2", OutgoingLineage.headerFor(URL));
        assertEquals(List.of(step), signed);
        assertEquals(List.of(true), guarded, "signing runs inside the call guard");
        assertFalse(CallGuard.active());
        assertNull(OutgoingLineage.headerFor(URL), "each decision is answered once");
    }

    @Test
    void aDeniedRequestHasTheHeaderRemovedEvenInAChain() {
        ContextHolder.attach(step);
        OutgoingLineage.decided(URL, false);

        assertEquals(OutgoingLineage.STRIP, OutgoingLineage.headerFor(URL));
        assertTrue(signed.isEmpty());
    }

    @Test
    void outsideAChainOrForAnotherRequestNothingChanges() {
        OutgoingLineage.decided(URL, true);
        assertNull(OutgoingLineage.headerFor(URL), "no chain");

        ContextHolder.attach(step);
        OutgoingLineage.decided(URL, true);
        assertNull(OutgoingLineage.headerFor("http://127.0.0.1:8080/other"), "not the request decided");
        assertNull(OutgoingLineage.headerFor(null));
        assertTrue(signed.isEmpty());
    }

    @Test
    void withoutASignerNothingIsRememberedOrAnswered() {
        OutgoingLineage.uninstall();
        ContextHolder.attach(step);
        OutgoingLineage.decided(URL, true);
        install();

        assertNull(OutgoingLineage.headerFor(URL));
    }

    @Test
    void aSignerThatFailsSendsTheRequestWithoutLineage() {
        OutgoingLineage.install(context -> {
            throw new IllegalStateException("broken signer");
        });
        ContextHolder.attach(step);
        OutgoingLineage.decided(URL, true);

        assertNull(OutgoingLineage.headerFor(URL));
        assertFalse(CallGuard.active());
    }
}
