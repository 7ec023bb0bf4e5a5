package io.mandate.agent.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The operator's Ed25519 key, which certifies each run key: the agent signs
 * ("mandate-run-key-certification-v1", writerId, run public key) with the operator's private key
 * when the journal opens, and journals the signature in journal.open; a verifier holding the
 * operator's public key then knows the run key was made by an agent the operator configured,
 * not by someone who rewrote the journal offline. PEM files as written by
 * {@code openssl genpkey -algorithm ed25519} (PKCS#8 "PRIVATE KEY") and
 * {@code openssl pkey -pubout} (X.509 "PUBLIC KEY").
 */
public final class OperatorKeys {
    private static final byte[] CERTIFICATION_DOMAIN =
            "mandate-run-key-certification-v1\0".getBytes(StandardCharsets.US_ASCII);

    private OperatorKeys() {
    }

    /** @throws JournalException when the file is not a PKCS#8 PEM Ed25519 private key */
    public static PrivateKey readPrivateKey(Path pem) {
        try {
            return KeyFactory.getInstance(RunKey.ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(pemBody(pem, "PRIVATE KEY")));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new JournalException("not an Ed25519 PKCS#8 PEM private key: " + pem, e);
        }
    }

    /** @throws JournalException when the file is not an X.509 PEM Ed25519 public key */
    public static PublicKey readPublicKey(Path pem) {
        try {
            return KeyFactory.getInstance(RunKey.ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(pemBody(pem, "PUBLIC KEY")));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new JournalException("not an Ed25519 PEM public key: " + pem, e);
        }
    }

    static byte[] certify(PrivateKey operatorKey, String writerId, byte[] runPublicKey) {
        try {
            Signature signer = Signature.getInstance(RunKey.ALGORITHM);
            signer.initSign(operatorKey);
            updateCertificationMessage(signer, writerId, runPublicKey);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new JournalException("cannot certify the run key with the operator key", e);
        }
    }

    static boolean isCertified(PublicKey operatorKey, String writerId, byte[] runPublicKey, byte[] certificate) {
        try {
            Signature verifier = Signature.getInstance(RunKey.ALGORITHM);
            verifier.initVerify(operatorKey);
            updateCertificationMessage(verifier, writerId, runPublicKey);
            return verifier.verify(certificate);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static void updateCertificationMessage(Signature signature, String writerId, byte[] runPublicKey)
            throws GeneralSecurityException {
        byte[] id = writerId.getBytes(StandardCharsets.UTF_8);
        signature.update(CERTIFICATION_DOMAIN);
        // length-prefixed, so no (writerId, key) pair can be re-split into another
        signature.update(new byte[] {(byte) (id.length >>> 8), (byte) id.length});
        signature.update(id);
        signature.update(runPublicKey);
    }

    private static byte[] pemBody(Path pem, String label) throws IOException {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("no " + label + " block");
        }
        return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    }
}
