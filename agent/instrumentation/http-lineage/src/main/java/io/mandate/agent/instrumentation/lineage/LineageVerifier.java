package io.mandate.agent.instrumentation.lineage;

import io.mandate.agent.journal.RunIdentity;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks an incoming lineage header, in this order: it must parse ({@link Outcome#MALFORMED}), its
 * signature must verify with the run key it names ({@link Outcome#FORGED}), that run key must be
 * trusted, directly or through a trusted operator key's certificate ({@link Outcome#UNTRUSTED}), and
 * it must be inside its validity window, with {@link #CLOCK_SKEW_MILLIS} of slack for the two
 * machines' clocks ({@link Outcome#EXPIRED}). A window longer than {@link #MAX_VALIDITY_MILLIS} is
 * refused as expired too: a trusted sender still cannot mint long-lived headers.
 *
 * Senders reuse a header for many requests, so a header whose signature and trust were checked is
 * remembered (at most {@link #MAX_REMEMBERED}, started over when full) and only its window is
 * checked again. Headers that failed are never remembered.
 */
public final class LineageVerifier {
    public static final long CLOCK_SKEW_MILLIS = 5_000;
    public static final long MAX_VALIDITY_MILLIS = 10 * 60_000;
    static final int MAX_REMEMBERED = 1024;

    public enum Outcome {
        /** Signed by a trusted key and valid now: the chain is continued. */
        ACCEPTED,
        /** Not a lineage header this agent can read. */
        MALFORMED,
        /** The signature does not verify with the run key in the header: changed or made up. */
        FORGED,
        /** A valid signature by a key nobody configured here vouches for. */
        UNTRUSTED,
        /** Trusted, but outside its validity window (or a window too long to accept). */
        EXPIRED
    }

    /**
     * @param claims    what the header says, null when it is malformed
     * @param trustedBy how it is trusted ("run key 1a2b…" / "operator key 3c4d…"), empty unless trusted
     * @param detail    why it was refused, empty when accepted
     */
    public record Verification(Outcome outcome, LineageClaims claims, String trustedBy, String detail) {
        public boolean accepted() {
            return outcome == Outcome.ACCEPTED;
        }
    }

    private record Trusted(LineageClaims claims, String trustedBy) {
    }

    private final TrustedKeys trusted;
    private final Map<String, Trusted> remembered = new ConcurrentHashMap<>();

    public LineageVerifier(TrustedKeys trusted) {
        this.trusted = trusted;
    }

    public Verification verify(String header, long nowMillis) {
        Trusted known = remembered.get(header);
        if (known == null) {
            LineageCodec.Parsed parsed;
            try {
                parsed = LineageCodec.parse(header);
            } catch (MalformedLineageException e) {
                return new Verification(Outcome.MALFORMED, null, "", e.getMessage());
            }
            LineageClaims claims = parsed.claims();
            PublicKey runKey = ed25519(claims.runPublicKey());
            if (runKey == null) {
                return new Verification(Outcome.MALFORMED, claims, "", "the run key is not an Ed25519 public key");
            }
            if (!RunIdentity.verify(runKey, LineageCodec.DOMAIN, parsed.payload(), parsed.signature())) {
                return new Verification(Outcome.FORGED, claims, "",
                        "the signature does not verify with the run key " + TrustedKeys.fingerprint(claims.runPublicKey()));
            }
            String trustedBy = trustedBy(claims);
            if (trustedBy == null) {
                return new Verification(Outcome.UNTRUSTED, claims, "", "run key "
                        + TrustedKeys.fingerprint(claims.runPublicKey())
                        + (claims.operatorCertificate().length == 0 ? " has no operator certificate and is not trusted"
                        : " is not trusted and its operator certificate is by no trusted key"));
            }
            known = new Trusted(claims, trustedBy);
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear();
            }
            remembered.put(header, known);
        }
        LineageClaims claims = known.claims;
        if (claims.expiresAtMillis() - claims.issuedAtMillis() > MAX_VALIDITY_MILLIS) {
            return new Verification(Outcome.EXPIRED, claims, known.trustedBy, "a validity window of "
                    + (claims.expiresAtMillis() - claims.issuedAtMillis()) + " ms; at most " + MAX_VALIDITY_MILLIS);
        }
        if (nowMillis > claims.expiresAtMillis() + CLOCK_SKEW_MILLIS) {
            return new Verification(Outcome.EXPIRED, claims, known.trustedBy,
                    "expired " + (nowMillis - claims.expiresAtMillis()) + " ms ago");
        }
        if (nowMillis < claims.issuedAtMillis() - CLOCK_SKEW_MILLIS) {
            return new Verification(Outcome.EXPIRED, claims, known.trustedBy,
                    "issued " + (claims.issuedAtMillis() - nowMillis) + " ms in the future");
        }
        return new Verification(Outcome.ACCEPTED, claims, known.trustedBy, "");
    }

    private String trustedBy(LineageClaims claims) {
        byte[] runKey = claims.runPublicKey();
        if (trusted.sameAs(runKey) != null) {
            return "run key " + TrustedKeys.fingerprint(runKey);
        }
        byte[] certificate = claims.operatorCertificate();
        if (certificate.length == 0) {
            return null;
        }
        for (PublicKey operator : trusted.keys()) {
            if (RunIdentity.certifiedBy(operator, claims.runId(), runKey, certificate)) {
                return "operator key " + TrustedKeys.fingerprint(operator.getEncoded());
            }
        }
        return null;
    }

    private static PublicKey ed25519(byte[] encoded) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }
}
