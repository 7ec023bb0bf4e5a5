package io.mandate.agent.journal;

import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Builds one encoded event in a reusable array on the writer thread, so encoding allocates nothing
 * once the array has grown to the largest event seen.
 */
final class EventBytesWriter {
    private byte[] bytes = new byte[512];
    private int length;
    /** Set when a string had to be cut (see {@link #maxStringChars}). */
    private boolean truncated;
    /** Strings are cut to this many chars: {@link JournalFormat#MAX_STRING_CHARS}, or fewer for an event cut to fit. */
    private int maxStringChars = JournalFormat.MAX_STRING_CHARS;
    private final CRC32C crc = new CRC32C();

    void reset() {
        length = 0;
        truncated = false;
        maxStringChars = JournalFormat.MAX_STRING_CHARS;
    }

    /** Cuts the strings written from now on to {@code chars} (until the next {@link #reset()}). */
    void cutStringsTo(int chars) {
        maxStringChars = Math.min(chars, JournalFormat.MAX_STRING_CHARS);
    }

    byte[] array() {
        return bytes;
    }

    int length() {
        return length;
    }

    boolean truncated() {
        return truncated;
    }

    void markTruncated() {
        truncated = true;
    }

    void u8(int value) {
        ensure(1);
        bytes[length++] = (byte) value;
    }

    void bytes(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, bytes, length, value.length);
        length += value.length;
    }

    void setU8(int position, int value) {
        bytes[position] = (byte) value;
    }

    void i32(int value) {
        ensure(4);
        bytes[length++] = (byte) value;
        bytes[length++] = (byte) (value >>> 8);
        bytes[length++] = (byte) (value >>> 16);
        bytes[length++] = (byte) (value >>> 24);
    }

    void i64(long value) {
        ensure(8);
        for (int shift = 0; shift < 64; shift += 8) {
            bytes[length++] = (byte) (value >>> shift);
        }
    }

    /** Unsigned LEB128; callers only pass non-negative values. */
    void varint(long value) {
        ensure(10);
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            bytes[length++] = (byte) ((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        bytes[length++] = (byte) rest;
    }

    /** Varint byte count then UTF-8; null is written as the empty string. */
    void string(String value) {
        if (value == null || value.isEmpty()) {
            u8(0);
            return;
        }
        int chars = value.length();
        if (chars > maxStringChars) {
            chars = maxStringChars;
            // never split a surrogate pair: a lone high surrogate would not survive UTF-8
            if (Character.isHighSurrogate(value.charAt(chars - 1))) {
                chars--;
            }
            truncated = true;
        }
        // Reserve the worst case (3 bytes a char) and a 3-byte varint, then patch the length in.
        int lengthPosition = length;
        ensure(3 + chars * 3);
        int start = lengthPosition + 3;
        int p = start;
        byte[] b = bytes;
        for (int i = 0; i < chars; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(value.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, value.charAt(++i));
                b[p++] = (byte) (0xF0 | (cp >> 18));
                b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                b[p++] = (byte) '?'; // an unpaired surrogate has no UTF-8 form
            } else {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        int utf8Length = p - start;
        int varintBytes = utf8Length < 0x80 ? 1 : utf8Length < 0x4000 ? 2 : 3;
        if (varintBytes < 3) {
            System.arraycopy(b, start, b, lengthPosition + varintBytes, utf8Length);
        }
        length = lengthPosition;
        varint(utf8Length);
        length = lengthPosition + varintBytes + utf8Length;
    }

    /** Appends the CRC32C of everything written so far. */
    void crc32c() {
        crc.reset();
        crc.update(bytes, 0, length);
        i32((int) crc.getValue());
    }

    private void ensure(int extra) {
        if (length + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + extra));
        }
    }
}
