package io.mandate.agent.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The version policy: newer readers of older events and older readers of newer events. */
class EventDecoderTest {
    private final EventDecoder decoder = new EventDecoder();

    @Test
    void fieldsAppendedByANewerTypeVersionAreSkipped() throws Exception {
        EventBytesWriter out = header(JournalFormat.TYPE_GAP, JournalFormat.GAP_VERSION + 1);
        out.varint(3);
        out.varint(7);
        out.string("a field a later version added");
        out.crc32c();
        JournalEvent event = decoder.decode(42, out.array(), out.length());
        assertEquals(JournalFormat.GAP, event.type());
        assertEquals(JournalFormat.GAP_VERSION + 1, event.typeVersion());
        assertEquals(Map.of(EventDecoder.LOST, 3L, EventDecoder.TOTAL_LOST, 7L), event.fields());
        assertEquals(42, event.index());
    }

    @Test
    void anUnknownTypeKeepsItsHeaderAndSkipsItsBody() throws Exception {
        EventBytesWriter out = header(99, 1);
        out.string("body of a type this reader does not know");
        out.crc32c();
        JournalEvent event = decoder.decode(1, out.array(), out.length());
        assertEquals("unknown.99", event.type());
        assertEquals(5, event.sequence());
        assertEquals(Map.of(), event.fields());
    }

    @Test
    void integrityBytesOfTheFutureHashChainAreSkipped() throws Exception {
        EventBytesWriter out = new EventBytesWriter();
        out.u8(JournalFormat.TYPE_CLOSE);
        out.u8(JournalFormat.CLOSE_VERSION);
        out.u8(32);
        for (int i = 0; i < 32; i++) {
            out.u8(0xAB);
        }
        out.i64(5);
        out.i64(6);
        out.i32(7);
        out.i32(8);
        out.varint(10);
        out.varint(0);
        out.crc32c();
        JournalEvent event = decoder.decode(1, out.array(), out.length());
        assertEquals(JournalFormat.CLOSE, event.type());
        assertEquals(10L, event.longField(EventDecoder.WRITTEN));
        assertEquals(7, event.pid());
    }

    @Test
    void aTruncatedRecordIsMalformedEvenWithAValidCrc() {
        EventBytesWriter out = header(JournalFormat.TYPE_LIFECYCLE, JournalFormat.LIFECYCLE_VERSION);
        out.varint(50); // a name of 50 bytes that is not there
        out.crc32c();
        assertThrows(EventDecoder.MalformedEventException.class, () -> decoder.decode(1, out.array(), out.length()));
        byte[] tooShort = Arrays.copyOf(out.array(), 10);
        assertThrows(EventDecoder.MalformedEventException.class, () -> decoder.decode(1, tooShort, tooShort.length));
    }

    private static EventBytesWriter header(int type, int version) {
        EventBytesWriter out = new EventBytesWriter();
        out.u8(type);
        out.u8(version);
        out.u8(0);
        out.i64(5);
        out.i64(6);
        out.i32(7);
        out.i32(8);
        return out;
    }
}
