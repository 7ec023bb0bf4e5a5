package io.mandate.control;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One request or reply on the control channel: an ordered map of string fields.
 *
 * On the wire a message is one frame: a 4-byte big-endian payload length, then the payload
 * {@code "MCTL" version(1) count(int32) count × (key, value)}, each string an int32 byte length and
 * UTF-8 bytes. Length-prefixed strings leave no room for quoting mistakes (a policy's text is one
 * value, newlines and all), and the same encoding of the fields in key order is what a signature
 * covers ({@link CommandSignature}).
 */
public final class ControlMessage {
    /** Largest payload accepted: a policy of a few hundred KiB fits many times over. */
    public static final int MAX_PAYLOAD_BYTES = 4 * 1024 * 1024;
    static final int MAX_FIELDS = 100_000;
    private static final byte[] MAGIC = {'M', 'C', 'T', 'L'};
    private static final byte VERSION = 1;

    private final Map<String, String> fields;

    private ControlMessage(Map<String, String> fields) {
        this.fields = Collections.unmodifiableMap(fields);
    }

    public static Builder builder() {
        return new Builder(new LinkedHashMap<>());
    }

    /** A copy of this message to add or replace fields in. */
    public Builder toBuilder() {
        return new Builder(new LinkedHashMap<>(fields));
    }

    /** The field's value, or "" when absent. */
    public String get(String key) {
        String value = fields.get(key);
        return value == null ? "" : value;
    }

    public Optional<String> find(String key) {
        return Optional.ofNullable(fields.get(key));
    }

    public boolean has(String key) {
        return fields.containsKey(key);
    }

    /** Every field in the order it was added. */
    public Map<String, String> fields() {
        return fields;
    }

    /** The whole frame: length prefix and payload. */
    public ByteBuffer encodeFrame() {
        byte[] payload = encodePayload(fields);
        ByteBuffer frame = ByteBuffer.allocate(4 + payload.length);
        frame.putInt(payload.length).put(payload).flip();
        return frame;
    }

    /**
     * The bytes a signature covers: every field but {@code exclude}, in key order, encoded as a
     * payload is. Key order makes it independent of how the sender happened to add the fields.
     */
    byte[] canonicalBytes(String exclude) {
        Map<String, String> sorted = new TreeMap<>(fields);
        sorted.remove(exclude);
        return encodePayload(sorted);
    }

    /**
     * Decodes one payload (without its length prefix).
     *
     * @throws MalformedMessageException when it is not a well-formed message of this version
     */
    public static ControlMessage decodePayload(ByteBuffer payload) {
        try {
            for (byte expected : MAGIC) {
                if (payload.get() != expected) {
                    throw new MalformedMessageException("not a Mandate control message");
                }
            }
            byte version = payload.get();
            if (version != VERSION) {
                throw new MalformedMessageException("control message version " + version + ", this side speaks " + VERSION);
            }
            int count = payload.getInt();
            if (count < 0 || count > MAX_FIELDS) {
                throw new MalformedMessageException("bad field count " + count);
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String key = readString(payload);
                fields.put(key, readString(payload));
            }
            if (payload.hasRemaining()) {
                throw new MalformedMessageException(payload.remaining() + " bytes after the last field");
            }
            return new ControlMessage(fields);
        } catch (BufferUnderflowException e) {
            throw new MalformedMessageException("message cut short");
        }
    }

    /** Checks a frame's announced payload length before anything is allocated for it. */
    public static int checkedPayloadLength(int announced) {
        if (announced < MAGIC.length + 5 || announced > MAX_PAYLOAD_BYTES) {
            throw new MalformedMessageException("bad payload length " + announced);
        }
        return announced;
    }

    private static byte[] encodePayload(Map<String, String> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(MAGIC);
        out.write(VERSION);
        writeInt(out, fields.size());
        for (Map.Entry<String, String> field : fields.entrySet()) {
            writeString(out, field.getKey());
            writeString(out, field.getValue());
        }
        return out.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        writeInt(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    private static String readString(ByteBuffer payload) {
        int length = payload.getInt();
        if (length < 0 || length > payload.remaining()) {
            throw new MalformedMessageException("bad string length " + length);
        }
        ByteBuffer bytes = payload.slice();
        bytes.limit(length);
        payload.position(payload.position() + length);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedMessageException("a string is not UTF-8");
        }
    }

    @Override
    public String toString() {
        return fields.toString();
    }

    /** Collects fields in order; a key added twice keeps its first position and its last value. */
    public static final class Builder {
        private final Map<String, String> fields;

        private Builder(Map<String, String> fields) {
            this.fields = fields;
        }

        public Builder put(String key, String value) {
            fields.put(key, value == null ? "" : value);
            return this;
        }

        public Builder put(String key, long value) {
            return put(key, Long.toString(value));
        }

        public Builder put(String key, boolean value) {
            return put(key, Boolean.toString(value));
        }

        public Builder remove(String key) {
            fields.remove(key);
            return this;
        }

        public ControlMessage build() {
            return new ControlMessage(new LinkedHashMap<>(fields));
        }
    }
}
