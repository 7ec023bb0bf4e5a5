package io.mandate.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * Ed25519 signatures of control commands with the operator key. The signed bytes are a domain
 * string and every field of the command but the signature, in key order
 * ({@link ControlMessage#canonicalBytes}); the command carries the target pid, a random nonce and
 * the time it was issued, so the agent can refuse a signed command replayed later or sent to
 * another JVM ({@code ReplayGuard} in the agent).
 */
public final class CommandSignature {
    public static final String ALGORITHM = "Ed25519";
    private static final byte[] DOMAIN = "mandate-control-command-v1\0".getBytes(StandardCharsets.US_ASCII);

    private CommandSignature() {
    }

    /** The command with a {@link ControlProtocol#SIGNATURE} field added. */
    public static ControlMessage sign(ControlMessage command, PrivateKey operatorKey) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(operatorKey);
            signer.update(signedBytes(command));
            return command.toBuilder()
                    .put(ControlProtocol.SIGNATURE, Base64.getEncoder().encodeToString(signer.sign()))
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key (an Ed25519 private key is needed): " + e, e);
        }
    }

    /** True when the command carries a signature of all its other fields by {@code operatorKey}. */
    public static boolean verify(ControlMessage command, PublicKey operatorKey) {
        String encoded = command.get(ControlProtocol.SIGNATURE);
        if (encoded.isEmpty()) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(operatorKey);
            verifier.update(signedBytes(command));
            return verifier.verify(Base64.getDecoder().decode(encoded));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] signedBytes(ControlMessage command) {
        byte[] fields = command.canonicalBytes(ControlProtocol.SIGNATURE);
        byte[] bytes = new byte[DOMAIN.length + fields.length];
        System.arraycopy(DOMAIN, 0, bytes, 0, DOMAIN.length);
        System.arraycopy(fields, 0, bytes, DOMAIN.length, fields.length);
        return bytes;
    }
}
