package io.mandate.agent.journal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The fields of a journal.anchor record as {@link JournalVerifier} needs them, read from its raw
 * bytes (CRC already checked): the sealed link, the writer's identity, and where the signed part ends.
 */
final class AnchorRecord {
    static final int BODY_OFFSET = EventChain.INTEGRITY_OFFSET + JournalFormat.INTEGRITY_BYTES
            + JournalFormat.HEADER_FIELDS_BYTES;

    final byte[] previousLink;
    final int previousCycle;
    final String writerId;
    final String runPublicKey;
    final String operatorCertificate;
    /** The signature covers the record's bytes before this position (integrity field excluded). */
    final int signedEnd;
    final byte[] signature;

    private AnchorRecord(byte[] previousLink, int previousCycle, String writerId, String runPublicKey,
                         String operatorCertificate, int signedEnd, byte[] signature) {
        this.previousLink = previousLink;
        this.previousCycle = previousCycle;
        this.writerId = writerId;
        this.runPublicKey = runPublicKey;
        this.operatorCertificate = operatorCertificate;
        this.signedEnd = signedEnd;
        this.signature = signature;
    }

    /** @throws IllegalArgumentException when the body does not hold an anchor's fields */
    static AnchorRecord parse(byte[] record, int bodyLength) {
        Cursor in = new Cursor(record, BODY_OFFSET, bodyLength);
        byte[] link = in.bytes(JournalFormat.INTEGRITY_BYTES);
        long cycle = in.varint();
        String writerId = in.string();
        String runKey = in.string();
        String certificate = in.string();
        int signedEnd = in.position;
        byte[] signature = in.bytes((int) Math.min(in.varint(), Integer.MAX_VALUE));
        if (cycle > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("cycle out of range");
        }
        return new AnchorRecord(link, (int) cycle, writerId, runKey, certificate, signedEnd, signature);
    }

    /** The oldest cycle a journal.retention record keeps, read from its raw body. */
    static long retainedFromCycle(byte[] record, int bodyLength) {
        return new Cursor(record, BODY_OFFSET, bodyLength).varint();
    }

    private static final class Cursor {
        final byte[] bytes;
        final int end;
        int position;

        Cursor(byte[] bytes, int position, int end) {
            this.bytes = bytes;
            this.position = position;
            this.end = end;
        }

        byte[] bytes(int n) {
            if (n < 0 || n > end - position) {
                throw new IllegalArgumentException("record too short");
            }
            byte[] value = Arrays.copyOfRange(bytes, position, position + n);
            position += n;
            return value;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 63; shift += 7) {
                if (position >= end) {
                    throw new IllegalArgumentException("record too short");
                }
                int b = bytes[position++] & 0xFF;
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("varint too long");
        }

        String string() {
            long length = varint();
            if (length > end - position) {
                throw new IllegalArgumentException("string overruns the record");
            }
            String value = new String(bytes, position, (int) length, StandardCharsets.UTF_8);
            position += (int) length;
            return value;
        }
    }
}
