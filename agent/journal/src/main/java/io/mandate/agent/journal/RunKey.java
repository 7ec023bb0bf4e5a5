package io.mandate.agent.journal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/**
 * The per-run Ed25519 key of one writer: created when the journal opens, kept in memory only and
 * gone with the process, so a checkpoint signature proves its events were written by that run.
 * Its public key is journaled in journal.open; the private key never leaves this object.
 *
 * <p>JDK Ed25519 (JEP 339, Java 15+) rather than Bouncy Castle: the journal module is loaded into
 * the agent's class loader and read by the CLI, and the platform provider needs no extra jar in
 * either place; it implements RFC 8032 with constant-time field arithmetic.
 */
final class RunKey {
    static final String ALGORITHM = "Ed25519";
    private static final byte[] CHECKPOINT_DOMAIN = "mandate-journal-checkpoint-v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ANCHOR_DOMAIN = "mandate-journal-anchor-v1\0".getBytes(StandardCharsets.US_ASCII);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final Signature signer;

    private RunKey(KeyPair pair) throws GeneralSecurityException {
        this.privateKey = pair.getPrivate();
        this.publicKey = pair.getPublic();
        this.signer = Signature.getInstance(ALGORITHM);
    }

    static RunKey generate() {
        try {
            return new RunKey(KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new JournalException("this JVM offers no Ed25519 for the journal's run key", e);
        }
    }

    /**
     * Signs a throwaway message once. The first Ed25519 signature of a JVM loads and initialises
     * the provider's classes and runs interpreted: tens of milliseconds, long enough for a burst
     * to fill the ring if it happened at the first checkpoint. Called by the writer thread before
     * it takes events.
     */
    void warmUp() throws GeneralSecurityException {
        signer.initSign(privateKey);
        signer.update(CHECKPOINT_DOMAIN);
        signer.sign();
    }

    /** X.509 SubjectPublicKeyInfo encoding of the public key. */
    byte[] publicKeyEncoded() {
        return publicKey.getEncoded();
    }

    PublicKey publicKey() {
        return publicKey;
    }

    /**
     * Signs a checkpoint on the writer thread: the message is the checkpoint's common header
     * (integrity field excluded) and the link of the event it seals, which covers every earlier
     * event of the writer.
     *
     * @param checkpoint the encoded checkpoint, at least its common header
     * @param previousLink the link of the event the checkpoint seals
     */
    byte[] signCheckpoint(byte[] checkpoint, byte[] previousLink) throws GeneralSecurityException {
        signer.initSign(privateKey);
        updateCheckpointMessage(signer, checkpoint, previousLink);
        return signer.sign();
    }

    /**
     * Signs {@code domain} (NUL-terminated, never the checkpoint domain: {@link RunIdentity} checks)
     * followed by {@code message}, with a signer of its own: callable from any thread, while
     * {@link #signer} belongs to the writer thread.
     */
    byte[] sign(byte[] domain, byte[] message) throws GeneralSecurityException {
        Signature own = Signature.getInstance(ALGORITHM);
        own.initSign(privateKey);
        own.update(domain);
        own.update(message);
        return own.sign();
    }

    static boolean verifyCheckpoint(PublicKey key, byte[] checkpoint, byte[] previousLink, byte[] signature) {
        return verify(key, signature, verifier -> updateCheckpointMessage(verifier, checkpoint, previousLink));
    }

    /** The part of a signed message the caller feeds in after the domain. */
    private interface Message {
        void update(Signature signature) throws GeneralSecurityException;
    }

    private static boolean verify(PublicKey key, byte[] signature, Message message) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            message.update(verifier);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static void updateCheckpointMessage(Signature signature, byte[] checkpoint, byte[] previousLink)
            throws GeneralSecurityException {
        // the domain string keeps a checkpoint signature from being valid as any other message
        signature.update(CHECKPOINT_DOMAIN);
        signature.update(checkpoint, 0, EventChain.INTEGRITY_OFFSET);
        signature.update(checkpoint, EventChain.INTEGRITY_OFFSET + EventChain.LINK_BYTES, JournalFormat.HEADER_FIELDS_BYTES);
        signature.update(previousLink);
    }

    /**
     * Signs a cycle anchor: the message is the anchor's bytes up to its signature, its integrity
     * field excluded; they hold the writer's identity and the link of the event it seals.
     */
    byte[] signAnchor(byte[] anchor, int signedEnd) throws GeneralSecurityException {
        signer.initSign(privateKey);
        updateAnchorMessage(signer, anchor, signedEnd);
        return signer.sign();
    }

    static boolean verifyAnchor(PublicKey key, byte[] anchor, int signedEnd, byte[] signature) {
        return verify(key, signature, verifier -> updateAnchorMessage(verifier, anchor, signedEnd));
    }

    private static void updateAnchorMessage(Signature signature, byte[] anchor, int signedEnd)
            throws GeneralSecurityException {
        signature.update(ANCHOR_DOMAIN);
        signature.update(anchor, 0, EventChain.INTEGRITY_OFFSET);
        int afterLink = EventChain.INTEGRITY_OFFSET + EventChain.LINK_BYTES;
        signature.update(anchor, afterLink, signedEnd - afterLink);
    }
}
