package io.mandate.agent.instrumentation.lineage;

import io.mandate.agent.journal.RunIdentity;
import io.mandate.bootstrap.ChainContext;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class LineageSignerTest {
    private static final long START = 1_790_000_000_000L;

    private final KeyPair operator = LineageVerifierTest.ed25519();
    private final RunIdentity identity = RunIdentity.create("run-1", operator.getPrivate());
    private final AtomicLong now = new AtomicLong(START);
    private final LineageSigner signer = new LineageSigner(identity, now::get, (where, error) -> {
        throw new AssertionError(where, error);
    });
    private final LineageVerifier verifier = new LineageVerifier(TrustedKeys.of(List.of(operator.getPublic())));
    private final ChainContext step = ChainContext.root("support-bot", "c-1", "answer", "alice")
            .child("kb-bot", "c-2", "").withStep("s-3", "lookup", "digest");

    @Test
    void theHeaderCarriesTheContextsLineageAgentAndStepAndVerifies() {
        LineageVerifier.Verification verification = verifier.verify(signer.header(step), START);

        assertEquals(LineageVerifier.Outcome.ACCEPTED, verification.outcome(), verification::detail);
        LineageClaims claims = verification.claims();
        assertEquals(List.of("c-1", "c-2"), claims.lineage());
        assertEquals("kb-bot", claims.agent());
        assertEquals("s-3", claims.stepId());
        assertEquals("run-1", claims.runId());
        assertEquals(START + LineageSigner.VALIDITY_MILLIS, claims.expiresAtMillis());
    }

    @Test
    void oneSignaturePerChainAndStepWhileHalfItsValidityIsLeft() {
        String first = signer.header(step);
        now.addAndGet(LineageSigner.REUSE_MILLIS - 1);
        assertSame(first, signer.header(step));
        assertSame(first, signer.header(step.withStep("s-3", "lookup", "digest")));

        String otherStep = signer.header(step.withStep("s-4", "lookup", "digest"));
        assertNotEquals(first, otherStep);

        now.addAndGet(1);
        String renewed = signer.header(step);
        assertNotEquals(first, renewed);
        assertEquals(LineageVerifier.Outcome.ACCEPTED, verifier.verify(renewed, now.get()).outcome());
    }

    @Test
    void contextsTakingTurnsEachKeepTheirOwnHeader() {
        ChainContext other = step.withStep("s-4", "lookup", "digest");
        String mine = signer.header(step);
        String theirs = signer.header(other);
        assertNotEquals(mine, theirs);
        assertSame(mine, signer.header(step));
        assertSame(theirs, signer.header(other));
        assertEquals("s-4", verifier.verify(signer.header(other), START).claims().stepId());
        now.addAndGet(LineageSigner.REUSE_MILLIS);
        assertNotEquals(theirs, signer.header(other), "the last context's header is renewed like any other");
    }

    @Test
    void aClockThatWentBackSignsAgainRatherThanReuseAHeaderFromTheFuture() {
        String first = signer.header(step);
        now.addAndGet(-1);
        assertNotEquals(first, signer.header(step));
    }
}
