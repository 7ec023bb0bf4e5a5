package io.mandate.agent.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    @Test
    void aCallOfVersionOneHasNoUnitsAndAVersionTwoCallCarriesThem() throws Exception {
        EventBytesWriter v1 = header(JournalFormat.TYPE_CALL, 1);
        callBody(v1, 0, "SELECT a FROM t");
        v1.crc32c();
        JournalEvent old = decoder.decode(1, v1.array(), v1.length());
        assertEquals("SELECT a FROM t", old.string("resource"));
        assertEquals(0, old.units());
        assertEquals("", old.unitsMetric());
        assertFalse(old.fields().containsKey(EventDecoder.UNITS), "a version-1 call recorded no units");

        EventBytesWriter v2 = header(JournalFormat.TYPE_CALL, 2);
        callBody(v2, 0, "ResultSet.next()");
        v2.string("rows");
        v2.varint(1);
        v2.crc32c();
        JournalEvent current = decoder.decode(2, v2.array(), v2.length());
        assertEquals("rows", current.unitsMetric());
        assertEquals(1, current.units());
    }

    @Test
    void aUsageRecordResolvesRepeatedFieldsButNeverBecomesThePreviousCall() throws Exception {
        EventBytesWriter call = header(JournalFormat.TYPE_CALL, JournalFormat.CALL_VERSION);
        callBody(call, 0, "SELECT a FROM t");
        call.string("");
        call.varint(0);
        call.crc32c();
        decoder.decode(1, call.array(), call.length());

        int allButResource = ((1 << CallFields.STRING_COUNT) - 1) & ~(1 << 11) | CallFields.ACCESSES_BIT;
        EventBytesWriter usage = header(JournalFormat.TYPE_USAGE, JournalFormat.USAGE_VERSION);
        callBody(usage, allButResource, "rows of another statement");
        usage.string("rows");
        usage.varint(20);
        usage.varint(4);
        usage.crc32c();
        JournalEvent rows = decoder.decode(2, usage.array(), usage.length());
        assertEquals(JournalFormat.USAGE, rows.type());
        assertEquals("bot", rows.string("agent"), "repeated from the call before it");
        assertEquals(20, rows.units());
        assertEquals(4, rows.usageCalls());

        int everything = ((1 << CallFields.STRING_COUNT) - 1) | CallFields.ACCESSES_BIT;
        EventBytesWriter next = header(JournalFormat.TYPE_CALL, JournalFormat.CALL_VERSION);
        callBody(next, everything, null);
        next.string("");
        next.varint(0);
        next.crc32c();
        JournalEvent repeated = decoder.decode(3, next.array(), next.length());
        assertEquals("SELECT a FROM t", repeated.string("resource"), "repeats the call, not the usage record");
        assertFalse(repeated.flag(EventDecoder.INCOMPLETE));
    }

    /** A call body up to its flags: every string not in {@code repeated} is "bot"-like filler, the resource as given. */
    private static void callBody(EventBytesWriter out, int repeated, String resource) {
        out.i64(1_000);
        out.i32(1);
        out.i32(repeated);
        for (int i = 0; i < CallFields.STRING_COUNT; i++) {
            if ((repeated & (1 << i)) == 0) {
                out.string(i == 11 ? resource : i == 1 ? "bot" : "f" + i);
            }
        }
        if ((repeated & CallFields.ACCESSES_BIT) == 0) {
            out.varint(1);
            out.string("select");
            out.string("t");
        }
        out.u8(0);
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
