package io.mandate.agent.journal;

import java.nio.file.Path;
import java.util.Map;

/**
 * Main class run in a forked JVM by the tests. "write-read DIR N" writes N calls and reads them back,
 * printing nothing unless something is wrong (exit status 1 then). "write-forever DIR" appends
 * calls until killed, flushing after each, printing "written N" lines for the killer to watch.
 */
public final class ForkedJournalWriter {
    private ForkedJournalWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "write-read":
                writeRead(dir, Integer.parseInt(args[2]));
                break;
            case "write-forever":
                writeForever(dir);
                break;
            default:
                throw new IllegalArgumentException(args[0]);
        }
    }

    private static void writeRead(Path dir, int count) throws CorruptJournalException {
        Journal journal = ChronicleJournal.open(dir);
        journal.recordLifecycle("agent.start", Map.of("version", "test"));
        CallRecord call = TestCalls.sample(0);
        for (int i = 0; i < count; i++) {
            call.epochNanos = i;
            journal.recordCall(call);
        }
        journal.recordLifecycle("agent.stop", Map.of());
        journal.close();
        int calls = 0;
        for (JournalEvent event : JournalReader.readAll(dir)) {
            if (event.type().equals(JournalFormat.CALL)) {
                calls++;
            }
        }
        if (calls != count) {
            System.out.println("read back " + calls + " calls of " + count);
            System.exit(1);
        }
    }

    private static void writeForever(Path dir) {
        Journal journal = ChronicleJournal.open(dir);
        CallRecord call = TestCalls.sample(0);
        for (long i = 0; ; i++) {
            call.epochNanos = i;
            call.resource = "resource-" + i;
            journal.recordCall(call);
            if (i % 100 == 99) {
                journal.flush();
                System.out.println("written " + (i + 1));
                System.out.flush();
            }
        }
    }
}
