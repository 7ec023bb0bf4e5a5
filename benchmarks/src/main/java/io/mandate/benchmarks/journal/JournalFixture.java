package io.mandate.benchmarks.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import io.mandate.agent.journal.CallRecord;
import io.mandate.agent.journal.ChronicleJournal;
import io.mandate.agent.journal.JournalOptions;

/** A journal in a fresh temporary directory and a call record shaped like a real JDBC decision. */
final class JournalFixture {
    final Path directory;
    final ChronicleJournal journal;

    JournalFixture(JournalOptions options) {
        try {
            directory = Files.createTempDirectory("mandate-journal-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        journal = ChronicleJournal.open(directory, options);
    }

    void close() {
        journal.close();
        if (journal.lostEvents() != 0) {
            throw new IllegalStateException(journal.lostEvents() + " events lost: the figures would be wrong");
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CallRecord jdbcCall(String thread) {
        CallRecord c = new CallRecord();
        c.epochNanos = System.currentTimeMillis() * 1_000_000L;
        c.durationNanos = 84_000;
        c.threadName = thread;
        c.agent = "billing-agent";
        c.chainId = "3f2a9c1e-0b7d-4c55-9e61-2a7b8d0f4e11";
        c.rootChainId = c.chainId;
        c.depth = 1;
        c.stepId = "step-12";
        c.tool = "sql.query";
        c.purpose = "monthly invoice";
        c.user = "alice@example.com";
        c.kind = "jdbc";
        c.operation = "select";
        c.resource = "SELECT * FROM invoices WHERE customer_id = ? AND month = ?";
        c.accessOperations = new String[] {"select"};
        c.accessResources = new String[] {"invoices"};
        c.accessCount = 1;
        c.verdict = "ALLOW";
        c.ruleId = "allow-billing-read";
        c.reason = "billing may read invoices";
        c.policyHash = "sha256:0f3c9d";
        c.mode = "enforce";
        return c;
    }
}
