package io.mandate.cli.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mandate.cli.UsageException;

class JournalSourceTest {

    @Test
    void aDirectoryWithoutCycleFilesIsNotAJournal(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("metadata.cq4t"), "not chronicle");
        UsageException e = assertThrows(UsageException.class, () -> JournalSource.open(dir, new PrintWriter(new StringWriter())));
        assertEquals(dir + " is not a Mandate journal (no Chronicle cycle file *.cq4 in it)", e.getMessage());
        assertThrows(UsageException.class, () -> JournalSource.open(dir.resolve("absent"), new PrintWriter(new StringWriter())));
    }

    @Test
    void aDamagedRecordIsReportedAndSkippedAndTheRestIsRead(@TempDir Path dir) throws IOException {
        Path journal = dir.resolve("journal");
        try (JournalFixture j = JournalFixture.create(journal)) {
            j.noChain("bot").allow(1, "file", "/a", "read /srv/first").allow(2, "file", "/b", "read /srv/damaged")
                    .allow(3, "file", "/c", "read /srv/third");
        }
        flipAByteOf(journal, "/srv/damaged");
        StringWriter warnings = new StringWriter();
        List<String> resources = JournalSource.readAll(journal, new PrintWriter(warnings)).stream()
                .filter(RecordedCall::isCall).map(e -> e.string("resource")).toList();
        assertEquals(List.of("/a", "/c"), resources);
        assertTrue(warnings.toString().startsWith("mandate: warning: corrupt journal record at index 0x"), warnings::toString);
        assertTrue(warnings.toString().trim().endsWith(", skipped"), warnings::toString);
        assertEquals(1, warnings.toString().lines().count(), warnings::toString);
    }

    private static void flipAByteOf(Path journal, String text) throws IOException {
        Path cycleFile;
        try (Stream<Path> files = Files.list(journal)) {
            cycleFile = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(cycleFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(channel.size(), 1 << 20));
            channel.read(head, 0);
            byte[] bytes = head.array();
            for (int i = 0; i + needle.length <= bytes.length; i++) {
                if (java.util.Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
                    channel.write(ByteBuffer.wrap(new byte[] {'X'}), i + 1);
                    return;
                }
            }
        }
        throw new AssertionError("'" + text + "' is not in " + cycleFile);
    }
}
