package io.mandate.agent.instrumentation.lineage;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The lineage header's wire format (docs/lineage.md):
 * {@code v1.<base64url(payload)>.<base64url(signature)>}, unpadded. The signature is the run key's
 * Ed25519 signature of {@code "mandate-lineage-v1" 0x00 payload}: the receiver verifies the bytes it
 * received, then parses them, so there is no canonical form to rebuild and nothing outside the
 * payload is trusted.
 *
 * Payload, big-endian: u8 version (1), i64 issued-at and i64 expires-at (epoch ms), then the
 * length-prefixed (u16) fields run id (UTF-8), run public key (X.509), operator certificate (empty
 * when none), agent (UTF-8), step id (UTF-8), then u8 n (1..64) and n chain ids (u16-prefixed UTF-8),
 * root first. Nothing may follow.
 */
public final class LineageCodec {
    /** The signing domain: a lineage signature can be valid for nothing else. */
    public static final String DOMAIN = "mandate-lineage-v1";
    static final String PREFIX = "v1.";
    static final int VERSION = 1;
    static final int MAX_DEPTH = 64;
    static final int MAX_FIELD_BYTES = 1024;
    /** Longer headers are refused before any decoding; a depth-64 lineage of long ids fits. */
    public static final int MAX_HEADER_CHARS = 16 * 1024;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private LineageCodec() {
    }

    /** The payload bytes the signature covers. */
    public static byte[] payload(LineageClaims claims) {
        List<byte[]> fields = new ArrayList<>();
        fields.add(utf8(claims.runId()));
        fields.add(claims.runPublicKey());
        fields.add(claims.operatorCertificate());
        fields.add(utf8(claims.agent()));
        fields.add(utf8(claims.stepId()));
        List<String> lineage = claims.lineage();
        if (lineage.isEmpty() || lineage.size() > MAX_DEPTH) {
            throw new IllegalArgumentException("a lineage of 1 to " + MAX_DEPTH + " chains, not " + lineage.size());
        }
        int size = 1 + 8 + 8 + 1;
        for (byte[] field : fields) {
            size += 2 + checkedLength(field);
        }
        List<byte[]> chains = new ArrayList<>(lineage.size());
        for (String chain : lineage) {
            byte[] id = utf8(chain);
            size += 2 + checkedLength(id);
            chains.add(id);
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put((byte) VERSION).putLong(claims.issuedAtMillis()).putLong(claims.expiresAtMillis());
        for (byte[] field : fields) {
            putField(out, field);
        }
        out.put((byte) chains.size());
        for (byte[] id : chains) {
            putField(out, id);
        }
        return out.array();
    }

    /** The header value for a payload and its signature. */
    public static String header(byte[] payload, byte[] signature) {
        return PREFIX + ENCODER.encodeToString(payload) + '.' + ENCODER.encodeToString(signature);
    }

    /** A header split into its signed payload, its signature and what the payload says. */
    public record Parsed(byte[] payload, byte[] signature, LineageClaims claims) {
    }

    public static Parsed parse(String header) throws MalformedLineageException {
        if (header == null || header.length() > MAX_HEADER_CHARS) {
            throw new MalformedLineageException(header == null ? "no header" : "longer than " + MAX_HEADER_CHARS + " characters");
        }
        String value = header.trim();
        if (!value.startsWith(PREFIX)) {
            throw new MalformedLineageException("not a version 1 lineage header");
        }
        int dot = value.indexOf('.', PREFIX.length());
        if (dot < 0 || value.indexOf('.', dot + 1) >= 0) {
            throw new MalformedLineageException("not v1.<payload>.<signature>");
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = DECODER.decode(value.substring(PREFIX.length(), dot));
            signature = DECODER.decode(value.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw new MalformedLineageException("not base64url: " + e.getMessage());
        }
        return new Parsed(payload, signature, claims(payload));
    }

    private static LineageClaims claims(byte[] payload) throws MalformedLineageException {
        ByteBuffer in = ByteBuffer.wrap(payload);
        try {
            int version = in.get() & 0xff;
            if (version != VERSION) {
                throw new MalformedLineageException("payload version " + version + ", expected " + VERSION);
            }
            long issuedAt = in.getLong();
            long expiresAt = in.getLong();
            String runId = text(field(in));
            byte[] runKey = field(in);
            byte[] certificate = field(in);
            String agent = text(field(in));
            String step = text(field(in));
            int depth = in.get() & 0xff;
            if (depth == 0 || depth > MAX_DEPTH) {
                throw new MalformedLineageException("lineage of " + depth + " chains; 1 to " + MAX_DEPTH + " allowed");
            }
            List<String> lineage = new ArrayList<>(depth);
            for (int i = 0; i < depth; i++) {
                String chain = text(field(in));
                if (chain.isEmpty()) {
                    throw new MalformedLineageException("an empty chain id in the lineage");
                }
                lineage.add(chain);
            }
            if (in.hasRemaining()) {
                throw new MalformedLineageException(in.remaining() + " bytes after the lineage");
            }
            if (runId.isEmpty() || runKey.length == 0) {
                throw new MalformedLineageException("no run id or run key");
            }
            return new LineageClaims(issuedAt, expiresAt, runId, runKey, certificate, agent, step, lineage);
        } catch (BufferUnderflowException e) {
            throw new MalformedLineageException("payload cut short");
        }
    }

    private static byte[] field(ByteBuffer in) throws MalformedLineageException {
        int length = in.getShort() & 0xffff;
        if (length > MAX_FIELD_BYTES) {
            throw new MalformedLineageException("a field of " + length + " bytes; at most " + MAX_FIELD_BYTES);
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private static String text(byte[] bytes) throws MalformedLineageException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedLineageException("a text field is not UTF-8");
        }
    }

    private static void putField(ByteBuffer out, byte[] field) {
        out.putShort((short) field.length).put(field);
    }

    private static int checkedLength(byte[] field) {
        if (field.length > MAX_FIELD_BYTES) {
            throw new IllegalArgumentException("a field of " + field.length + " bytes; at most " + MAX_FIELD_BYTES);
        }
        return field.length;
    }

    private static byte[] utf8(String text) {
        return (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
    }
}
