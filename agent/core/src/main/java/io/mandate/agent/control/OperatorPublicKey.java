package io.mandate.agent.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;

/**
 * The operator's public key, derived from the private key the agent is configured with
 * ({@code operatorKey}): signed control commands are checked against it, so ops configure one key
 * file, not two.
 *
 * The JDK has no call that derives an Ed25519 public key from a private one, but its key pair
 * generator derives the public key from 32 random bytes, which are the private key: fed the private
 * key's bytes as its randomness, it produces the operator's key pair. That relies on how the JDK
 * generates Ed25519 keys (RFC 8032: the private key is the 32-byte seed), so the result is proven
 * before use: a signature made with the configured private key must verify with it.
 */
final class OperatorPublicKey {
    private static final byte[] PROOF = "mandate-operator-key-derivation-check".getBytes(StandardCharsets.US_ASCII);

    private OperatorPublicKey() {
    }

    /** @throws IllegalArgumentException when the key is not Ed25519 or the derived key does not match it */
    static PublicKey of(PrivateKey operatorKey) {
        if (!(operatorKey instanceof EdECPrivateKey)) {
            throw new IllegalArgumentException("the operator key is not an Ed25519 key");
        }
        byte[] seed = ((EdECPrivateKey) operatorKey).getBytes()
                .orElseThrow(() -> new IllegalArgumentException("the operator key's bytes cannot be read"));
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new SeedAsRandomness(seed));
            PublicKey derived = generator.generateKeyPair().getPublic();
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(operatorKey);
            signer.update(PROOF);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(derived);
            verifier.update(PROOF);
            if (!verifier.verify(signature)) {
                throw new IllegalArgumentException("the public key derived from the operator key does not verify its "
                        + "signatures (this JDK generates Ed25519 keys differently)");
            }
            return derived;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot derive the operator's public key: " + e, e);
        }
    }

    /** Randomness that is the given seed: the key pair generator's private key becomes exactly it. */
    private static final class SeedAsRandomness extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;

        SeedAsRandomness(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("asked for " + bytes.length + " random bytes, the seed has " + seed.length);
            }
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }
}
