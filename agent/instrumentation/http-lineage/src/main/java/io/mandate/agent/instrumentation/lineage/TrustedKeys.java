package io.mandate.agent.instrumentation.lineage;

import io.mandate.agent.journal.OperatorKeys;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The Ed25519 public keys a receiver trusts to vouch for lineage headers (configuration key
 * {@code lineageTrust}): a header is trusted when its run key is one of them, or when its run key
 * carries a certificate made by one of them (an operator key). One PEM "PUBLIC KEY" per file.
 */
public final class TrustedKeys {
    private final List<PublicKey> keys;
    private final List<byte[]> encoded;

    private TrustedKeys(List<PublicKey> keys) {
        this.keys = List.copyOf(keys);
        this.encoded = new ArrayList<>();
        for (PublicKey key : keys) {
            encoded.add(key.getEncoded());
        }
    }

    /** @throws io.mandate.agent.journal.JournalException when a file is not an Ed25519 PEM public key */
    public static TrustedKeys read(List<Path> files) {
        List<PublicKey> keys = new ArrayList<>();
        for (Path file : files) {
            keys.add(OperatorKeys.readPublicKey(file));
        }
        return new TrustedKeys(keys);
    }

    public static TrustedKeys of(List<PublicKey> keys) {
        return new TrustedKeys(keys);
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    List<PublicKey> keys() {
        return keys;
    }

    /** The trusted key equal to {@code runKey} (X.509 encoding), or null. */
    PublicKey sameAs(byte[] runKey) {
        for (int i = 0; i < keys.size(); i++) {
            if (MessageDigest.isEqual(encoded.get(i), runKey)) {
                return keys.get(i);
            }
        }
        return null;
    }

    /** The first 16 hex digits of the SHA-256 of a key's X.509 encoding: how the journal names a key. */
    public static String fingerprint(byte[] encodedKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(encodedKey);
            return HexFormat.of().formatHex(Arrays.copyOf(digest, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
