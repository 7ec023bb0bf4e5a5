package io.mandate.agent.journal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * What a run can vouch for outside its journal (the lineage header of its outgoing requests): its
 * run id (the journal writer id), its run key's public half, the operator's certificate of that key
 * when an operator key is configured, and Ed25519 signatures by the run key.
 *
 * <p>Every signature is over {@code domain || 0x00 || message}: a domain names one kind of message
 * and version ("mandate-lineage-v1"), so a signature made for one purpose is never valid for another,
 * and the journal's own checkpoint domain is refused. The private key never leaves {@link RunKey}.
 */
public final class RunIdentity {
    private static final String CHECKPOINT_DOMAIN = "mandate-journal-checkpoint-v1";

    /** The run id, the run key and its certificate: made together, once. */
    private static final class Material {
        final String runId;
        final RunKey key;
        final byte[] publicKey;
        /** Null without an operator key (journal.open and the anchors encode that as absent). */
        final byte[] operatorCertificate;

        Material(String runId, RunKey key, byte[] operatorCertificate) {
            this.runId = runId;
            this.key = key;
            this.publicKey = key.publicKeyEncoded();
            this.operatorCertificate = operatorCertificate;
        }

        /** A new run key for {@code runId}, certified by {@code operatorKey} when one is given. */
        static Material make(String runId, PrivateKey operatorKey) {
            RunKey key = RunKey.generate();
            return new Material(runId, key,
                    operatorKey == null ? null : OperatorKeys.certify(operatorKey, runId, key.publicKeyEncoded()));
        }
    }

    /** Certifies the run key when the material is made; dropped once it is. */
    private PrivateKey operatorKey;
    private volatile Material material;

    private RunIdentity(Material material) {
        this.material = material;
    }

    private RunIdentity(PrivateKey operatorKey) {
        this.operatorKey = operatorKey;
    }

    /**
     * An identity whose run id (a random UUID) and run key are made on first use, by whichever
     * thread needs them first: normally the journal writer once the agent's premain returned, as
     * the first Ed25519 key pair and the first UUID of a JVM cost ~40 ms of CPU (class loading,
     * SecureRandom seeding) that would otherwise delay the application's main.
     */
    static RunIdentity deferred(PrivateKey operatorKey) {
        return new RunIdentity(operatorKey);
    }

    private Material material() {
        Material made = material;
        if (made != null) {
            return made;
        }
        synchronized (this) {
            if (material == null) {
                material = Material.make(UUID.randomUUID().toString(), operatorKey);
                operatorKey = null;
            }
            return material;
        }
    }

    /** Makes the run id and key now, if not made yet. */
    void resolve() {
        material();
    }

    RunKey key() {
        return material().key;
    }

    /** The certificate as journaled: null without an operator key. */
    byte[] journaledCertificate() {
        return material().operatorCertificate;
    }

    /**
     * A fresh identity with a new run key, certified by {@code operatorKey} when one is given: what a
     * journal makes when it opens, for tools and tests that sign without a journal.
     */
    public static RunIdentity create(String runId, PrivateKey operatorKey) {
        return new RunIdentity(Material.make(runId, operatorKey));
    }

    /** The journal writer id of this run (a UUID), as in its journal.open. */
    public String runId() {
        return material().runId;
    }

    /** X.509 SubjectPublicKeyInfo encoding of the run's Ed25519 public key. */
    public byte[] publicKey() {
        return material().publicKey.clone();
    }

    /** {@link #publicKey()} in Base64, as journal.open and agent.start carry it. */
    String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(material().publicKey);
    }

    /** The operator key's signature of (run id, run public key), or an empty array without an operator key. */
    public byte[] operatorCertificate() {
        byte[] certificate = material().operatorCertificate;
        return certificate == null ? new byte[0] : certificate.clone();
    }

    /**
     * Signs {@code message} under {@code domain} with the run key. Thread-safe (a fresh signer per
     * call: callers sign rarely and cache what they signed).
     *
     * @throws IllegalArgumentException for the journal's own checkpoint domain or a domain with a NUL
     */
    public byte[] sign(String domain, byte[] message) {
        byte[] domainBytes = domainBytes(domain);
        try {
            return material().key.sign(domainBytes, message);
        } catch (GeneralSecurityException e) {
            throw new JournalException("cannot sign with the run key", e);
        }
    }

    /** True when {@code signature} is {@code key}'s signature of {@code message} under {@code domain}. */
    public static boolean verify(PublicKey key, String domain, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(RunKey.ALGORITHM);
            verifier.initVerify(key);
            verifier.update(domainBytes(domain));
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** True when {@code certificate} is {@code operatorKey}'s certification of the run key of run {@code runId}. */
    public static boolean certifiedBy(PublicKey operatorKey, String runId, byte[] runPublicKey, byte[] certificate) {
        return OperatorKeys.isCertified(operatorKey, runId, runPublicKey, certificate);
    }

    private static byte[] domainBytes(String domain) {
        if (domain == null || domain.isEmpty() || domain.indexOf('\0') >= 0 || domain.equals(CHECKPOINT_DOMAIN)) {
            throw new IllegalArgumentException("not a signing domain of its own: " + domain);
        }
        byte[] text = domain.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(text, text.length + 1); // the NUL ends the domain
    }
}
