package io.mandate.agent.journal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hash chain of one writer: the link of an event is SHA-256 over the link of the writer's
 * previous event (32 zero bytes before journal.open) and the event's bytes, integrity field and
 * CRC excluded (the integrity field holds the link itself; the CRC is derived from it).
 *
 * <p>Shared by the writer (which stores each link in its event) and {@link JournalVerifier}
 * (which recomputes it), so both hash exactly the same bytes. Not thread-safe.
 */
final class EventChain {
    static final int LINK_BYTES = 32;
    /** Where the integrity bytes start: after type, typeVersion and integrityLength. */
    static final int INTEGRITY_OFFSET = 3;

    private final MessageDigest sha256;
    private final byte[] link = new byte[LINK_BYTES];
    private final byte[] candidate = new byte[LINK_BYTES];

    EventChain() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * Computes the link of an event whose bytes (CRC excluded) are {@code event[0, length)}, with
     * the integrity field at {@link #INTEGRITY_OFFSET}; the result is {@link #candidate()} until
     * {@link #commit()}: an event that fails to append must not move the chain on.
     */
    byte[] computeCandidate(byte[] event, int length) {
        sha256.update(link);
        sha256.update(event, 0, INTEGRITY_OFFSET);
        int after = INTEGRITY_OFFSET + LINK_BYTES;
        sha256.update(event, after, length - after);
        try {
            sha256.digest(candidate, 0, LINK_BYTES);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("a 32-byte buffer holds a SHA-256 digest", e);
        }
        return candidate;
    }

    byte[] candidate() {
        return candidate;
    }

    /** The candidate becomes the link the next event chains to. */
    void commit() {
        System.arraycopy(candidate, 0, link, 0, LINK_BYTES);
    }

    /** Continues a chain from a link vouched for elsewhere (a signed cycle anchor): the verifier only. */
    void continueFrom(byte[] previousLink) {
        System.arraycopy(previousLink, 0, link, 0, LINK_BYTES);
    }

    /** The link of the last committed event (all zero before the first). */
    byte[] link() {
        return link;
    }
}
