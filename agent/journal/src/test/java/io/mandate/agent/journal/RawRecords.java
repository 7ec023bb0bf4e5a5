package io.mandate.agent.journal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The tamperer's toolbox: the raw records of a journal, and a new journal made of edited records,
 * as someone with Chronicle's own tools and write access to the directory would make it.
 */
final class RawRecords {
    private RawRecords() {
    }

    static List<byte[]> read(Path dir) {
        List<byte[]> records = new ArrayList<>();
        try (SingleChronicleQueue queue = ChronicleQueues.forReading(dir); ExcerptTailer tailer = ChronicleQueues.tailerAtOldestFile(queue)) {
            for (;;) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return records;
                    }
                    Bytes<?> bytes = dc.wire().bytes();
                    byte[] record = new byte[(int) bytes.readRemaining()];
                    bytes.read(record);
                    records.add(record);
                }
            }
        }
    }

    /** Writes the records as a new journal; returns their Chronicle indexes, in order. */
    static List<Long> write(Path dir, List<byte[]> records) {
        List<Long> indexes = new ArrayList<>();
        try (SingleChronicleQueue queue = ChronicleQueues.forWriting(dir, JournalRollCycle.DAILY);
             ExcerptAppender appender = queue.createAppender()) {
            for (byte[] record : records) {
                try (DocumentContext dc = appender.writingDocument()) {
                    dc.wire().bytes().write(record);
                }
                indexes.add(appender.lastIndexAppended());
            }
        }
        return indexes;
    }

    static int type(byte[] record) {
        return record[0] & 0xFF;
    }

    /** Recomputes the CRC, as a careful tamperer would after editing. */
    static void fixCrc(byte[] record) {
        CRC32C crc = new CRC32C();
        crc.update(record, 0, record.length - 4);
        int value = (int) crc.getValue();
        for (int i = 0; i < 4; i++) {
            record[record.length - 4 + i] = (byte) (value >>> (8 * i));
        }
    }

    /** Recomputes the record's own link from the previous link, then its CRC; returns the new link. */
    static byte[] relink(byte[] previousLink, byte[] record) {
        byte[] link = linkAfter(previousLink, record);
        System.arraycopy(link, 0, record, EventChain.INTEGRITY_OFFSET, JournalFormat.INTEGRITY_BYTES);
        fixCrc(record);
        return link;
    }

    /** The link as the writer computes it (EventChain), from any previous link. */
    static byte[] linkAfter(byte[] previousLink, byte[] record) {
        java.security.MessageDigest sha;
        try {
            sha = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha.update(previousLink);
        sha.update(record, 0, EventChain.INTEGRITY_OFFSET);
        int after = EventChain.INTEGRITY_OFFSET + JournalFormat.INTEGRITY_BYTES;
        sha.update(record, after, record.length - 4 - after);
        return sha.digest();
    }

    static byte[] storedLink(byte[] record) {
        return java.util.Arrays.copyOfRange(record, EventChain.INTEGRITY_OFFSET,
                EventChain.INTEGRITY_OFFSET + JournalFormat.INTEGRITY_BYTES);
    }
}
