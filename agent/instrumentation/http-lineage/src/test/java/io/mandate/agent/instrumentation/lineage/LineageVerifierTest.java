package io.mandate.agent.instrumentation.lineage;

import io.mandate.agent.journal.RunIdentity;
import org.junit.jupiter.api.Test;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;

import static io.mandate.agent.instrumentation.lineage.LineageVerifier.Outcome.ACCEPTED;
import static io.mandate.agent.instrumentation.lineage.LineageVerifier.Outcome.EXPIRED;
import static io.mandate.agent.instrumentation.lineage.LineageVerifier.Outcome.FORGED;
import static io.mandate.agent.instrumentation.lineage.LineageVerifier.Outcome.MALFORMED;
import static io.mandate.agent.instrumentation.lineage.LineageVerifier.Outcome.UNTRUSTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineageVerifierTest {
    private static final long NOW = 1_790_000_000_000L;
    private static final List<String> LINEAGE = List.of("c-root-1", "c-root-7");

    private final KeyPair operator = ed25519();
    private final KeyPair otherOperator = ed25519();
    private final RunIdentity certified = RunIdentity.create("run-a", operator.getPrivate());
    private final RunIdentity uncertified = RunIdentity.create("run-b", null);

    @Test
    void aHeaderCertifiedByATrustedOperatorKeyIsAcceptedWithItsClaims() {
        LineageVerifier.Verification verification = verifier(operator.getPublic()).verify(header(certified, NOW, NOW + 60_000), NOW);

        assertEquals(ACCEPTED, verification.outcome(), verification::detail);
        LineageClaims claims = verification.claims();
        assertEquals("research-bot", claims.agent());
        assertEquals("s-root-9", claims.stepId());
        assertEquals("c-root-1", claims.rootChainId());
        assertEquals("c-root-7", claims.chainId());
        assertEquals(2, claims.depth());
        assertEquals("run-a", claims.runId());
        assertEquals("operator key " + TrustedKeys.fingerprint(operator.getPublic().getEncoded()), verification.trustedBy());
    }

    @Test
    void aTrustedRunKeyVouchesWithoutACertificate() throws GeneralSecurityException {
        PublicKey runKey = java.security.KeyFactory.getInstance("Ed25519")
                .generatePublic(new java.security.spec.X509EncodedKeySpec(uncertified.publicKey()));

        LineageVerifier.Verification verification = verifier(runKey).verify(header(uncertified, NOW, NOW + 60_000), NOW);

        assertEquals(ACCEPTED, verification.outcome(), verification::detail);
        assertTrue(verification.trustedBy().startsWith("run key "), verification.trustedBy());
    }

    @Test
    void aChangedFieldKeepingTheOriginalSignatureIsForged() throws MalformedLineageException {
        String genuine = header(certified, NOW, NOW + 60_000);
        LineageCodec.Parsed parsed = LineageCodec.parse(genuine);
        LineageClaims claims = parsed.claims();
        LineageClaims deeper = new LineageClaims(claims.issuedAtMillis(), claims.expiresAtMillis(), claims.runId(),
                claims.runPublicKey(), claims.operatorCertificate(), "admin-bot", claims.stepId(), claims.lineage());
        String forged = LineageCodec.header(LineageCodec.payload(deeper), parsed.signature());

        LineageVerifier.Verification verification = verifier(operator.getPublic()).verify(forged, NOW);

        assertEquals(FORGED, verification.outcome());
        assertEquals("admin-bot", verification.claims().agent());
    }

    @Test
    void aSignatureOfAnotherDomainIsForged() {
        LineageClaims claims = claims(certified, NOW, NOW + 60_000);
        byte[] payload = LineageCodec.payload(claims);
        String otherDomain = LineageCodec.header(payload, certified.sign("mandate-other-v1", payload));

        assertEquals(FORGED, verifier(operator.getPublic()).verify(otherDomain, NOW).outcome());
    }

    @Test
    void aKeyNobodyTrustsIsUntrustedEvenWithAValidSignature() {
        LineageVerifier trustingAnother = verifier(otherOperator.getPublic());

        LineageVerifier.Verification certifiedByAnother = trustingAnother.verify(header(certified, NOW, NOW + 60_000), NOW);
        LineageVerifier.Verification noCertificate = trustingAnother.verify(header(uncertified, NOW, NOW + 60_000), NOW);

        assertEquals(UNTRUSTED, certifiedByAnother.outcome());
        assertTrue(certifiedByAnother.detail().contains("by no trusted key"), certifiedByAnother.detail());
        assertEquals(UNTRUSTED, noCertificate.outcome());
        assertTrue(noCertificate.detail().contains("no operator certificate"), noCertificate.detail());
        assertEquals(UNTRUSTED, verifier().verify(header(certified, NOW, NOW + 60_000), NOW).outcome());
    }

    @Test
    void outsideItsWindowWithTheClockSkewAllowedItIsExpired() {
        LineageVerifier verifier = verifier(operator.getPublic());
        String header = header(certified, NOW, NOW + 60_000);
        long skew = LineageVerifier.CLOCK_SKEW_MILLIS;

        assertEquals(ACCEPTED, verifier.verify(header, NOW + 60_000 + skew).outcome());
        assertEquals(EXPIRED, verifier.verify(header, NOW + 60_000 + skew + 1).outcome());
        assertEquals(ACCEPTED, verifier.verify(header, NOW - skew).outcome());
        assertEquals(EXPIRED, verifier.verify(header, NOW - skew - 1).outcome());
        LineageVerifier.Verification tooLong = verifier.verify(
                header(certified, NOW, NOW + LineageVerifier.MAX_VALIDITY_MILLIS + 1), NOW);
        assertEquals(EXPIRED, tooLong.outcome());
        assertTrue(tooLong.detail().contains("validity window"), tooLong.detail());
    }

    @Test
    void whatCannotBeReadIsMalformed() {
        LineageVerifier verifier = verifier(operator.getPublic());
        String genuine = header(certified, NOW, NOW + 60_000);
        byte[] payload = LineageCodec.payload(claims(certified, NOW, NOW + 60_000));
        byte[] longer = java.util.Arrays.copyOf(payload, payload.length + 1);
        String trailing = LineageCodec.header(longer, certified.sign(LineageCodec.DOMAIN, longer));

        for (String header : List.of("", "v2." + genuine.substring(3), "v1.abc", "v1.!!!.abc", genuine + ".x",
                trailing, "v1." + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[] {1, 2}) + ".AA")) {
            assertEquals(MALFORMED, verifier.verify(header, NOW).outcome(), header);
        }
        assertEquals(MALFORMED, verifier.verify("x".repeat(LineageCodec.MAX_HEADER_CHARS + 1), NOW).outcome());
    }

    @Test
    void theHeaderRoundTripsEveryField() throws MalformedLineageException {
        LineageClaims claims = new LineageClaims(NOW, NOW + 1, "run-é", certified.publicKey(), new byte[0], "bót",
                "", List.of("only"));

        LineageCodec.Parsed parsed = LineageCodec.parse(LineageCodec.header(LineageCodec.payload(claims), new byte[64]));

        assertEquals(claims, parsed.claims());
        assertEquals(1, parsed.claims().depth());
    }

    private static LineageVerifier verifier(PublicKey... trusted) {
        return new LineageVerifier(TrustedKeys.of(List.of(trusted)));
    }

    static LineageClaims claims(RunIdentity identity, long issuedAt, long expiresAt) {
        return new LineageClaims(issuedAt, expiresAt, identity.runId(), identity.publicKey(),
                identity.operatorCertificate(), "research-bot", "s-root-9", LINEAGE);
    }

    static String header(RunIdentity identity, long issuedAt, long expiresAt) {
        byte[] payload = LineageCodec.payload(claims(identity, issuedAt, expiresAt));
        return LineageCodec.header(payload, identity.sign(LineageCodec.DOMAIN, payload));
    }

    static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
