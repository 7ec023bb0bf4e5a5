package io.mandate.it.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mandate.agent.journal.JournalEvent;
import io.mandate.it.jdbc.Policies;
import io.mandate.it.jdbc.ScenarioTarget;
import io.mandate.it.jdbc.SupportDeskRun;

/**
 * What-if over row limits, on the journal of a real forked run: the support-desk scenarios under
 * the packaged agent (H2), whose chains read 15, 15 + 5 and 20 rows against the policy's
 * {@code limit jdbc rows 20 per chain}. The journal records the rows each statement yielded, so
 * {@code mandate replay --policy} can say which reads another limit would stop or let through.
 */
class CliWhatIfRowsTest {
    private static final ScenarioTarget H2 = ScenarioTarget.h2().get(0);

    @Test
    void theJournalRecordsTheRowsEachStatementYieldedAndTheRowEachDenialStopped() {
        SupportDeskRun run = SupportDeskRun.of(H2, "enforce");
        List<JournalEvent> shared = run.journal().all().stream()
                .filter(e -> run.chainOf("budget_shared").equals(e.string("chainId"))).toList();
        List<String> rows = shared.stream().filter(e -> e.type().equals("usage"))
                .map(e -> e.string("resource") + " " + e.units() + " " + e.unitsMetric()).toList();
        assertEquals(List.of("SELECT id FROM tickets WHERE id <= ? 15 rows", "SELECT id FROM tickets WHERE id > ? 5 rows"),
                rows, shared::toString);
        JournalEvent denial = shared.stream().filter(e -> e.type().equals("call") && e.string("verdict").equals("DENY"))
                .findFirst().orElseThrow();
        assertEquals(1, denial.units(), "the row the budget stopped is charged as the agent charged it");
    }

    @Test
    void theRecordingPolicyChangesNoRowDecisionInEnforceOrAuditMode() {
        for (String mode : List.of("enforce", "audit")) {
            SupportDeskRun run = SupportDeskRun.of(H2, mode);
            MandateCommandLine.Outcome out = MandateCommandLine.run("replay", "--no-color",
                    run.journalDirectory().toString(), "--policy", Policies.SUPPORT_DESK.toString());
            assertEquals(0, out.exitCode(), out::describe);
            assertTrue(changes(out).stream().noneMatch(l -> l.contains("rows read") || l.contains("ResultSet.next()")),
                    mode + ": " + out.describe());
            assertTrue(summary(out).contains(" row reads would change"), out::describe);
        }
    }

    @Test
    void aLargerBudgetLetsTheStoppedReadsThrough(@TempDir Path dir) throws IOException {
        SupportDeskRun run = SupportDeskRun.of(H2, "enforce");
        MandateCommandLine.Outcome out = whatIf(run, dir, "limit jdbc rows 40 per chain");
        List<String> changes = changes(out);
        List<String> resultSets = changes.stream().filter(l -> l.contains("ResultSet.next()")).toList();
        assertAll(out.describe(),
                () -> assertEquals(2, resultSets.size(), "the denials of row_budget and budget_shared"),
                () -> assertTrue(resultSets.stream().allMatch(l -> l.contains(run.chainOf("row_budget"))
                        || l.contains(run.chainOf("budget_shared")))),
                () -> assertTrue(out.stdout().contains("DENY by limit:"), "the old decision named its limit"),
                () -> assertTrue(summary(out).contains("2 DENY → ALLOW"), summary(out)),
                () -> assertTrue(changes.stream().noneMatch(l -> l.contains("rows read")), "no read goes over 40"));
    }

    @Test
    void aSmallerBudgetStopsTheReadsThatCrossIt(@TempDir Path dir) throws IOException {
        SupportDeskRun run = SupportDeskRun.of(H2, "enforce");
        MandateCommandLine.Outcome out = whatIf(run, dir, "limit jdbc rows 10 per chain");
        List<String> reads = changes(out).stream().filter(l -> l.contains("rows read")).toList();
        assertAll(out.describe(),
                () -> assertTrue(reads.stream().anyMatch(l -> l.contains(run.chainOf("budget_shared"))
                        && l.contains("SELECT id FROM tickets WHERE id <= ?  (15 rows read)")), reads::toString),
                () -> assertTrue(reads.stream().anyMatch(l -> l.contains(run.chainOf("budget_fresh"))), reads::toString),
                () -> assertTrue(reads.stream().anyMatch(l -> l.contains(run.chainOf("row_budget"))
                        && l.contains("(20 rows read)")), reads::toString),
                () -> assertTrue(out.stdout().contains("DENY by limit:new.mandate:"), out::describe));

        MandateCommandLine.Outcome json = MandateCommandLine.run("replay", "--json", run.journalDirectory().toString(),
                "--policy", dir.resolve("new.mandate").toString());
        List<String> lines = json.stdoutLines();
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"type\":\"usage\"") && l.contains("\"units\":15")
                && l.contains("\"whatIf\":{\"verdict\":\"DENY\"")), json::describe);
        assertTrue(lines.get(lines.size() - 1).contains("\"usageRecords\":"), json::describe);
    }

    /** The recording policy with its row limit replaced. */
    private static MandateCommandLine.Outcome whatIf(SupportDeskRun run, Path dir, String limit) throws IOException {
        String policy = Files.readString(Policies.SUPPORT_DESK).replace("limit jdbc rows 20 per chain", limit);
        Path file = dir.resolve("new.mandate");
        Files.writeString(file, policy);
        MandateCommandLine.Outcome out = MandateCommandLine.run("replay", "--no-color", run.journalDirectory().toString(),
                "--policy", file.toString());
        assertEquals(0, out.exitCode(), out::describe);
        return out;
    }

    /** The first line of each listed change (what was called), joined with its decision line. */
    private static List<String> changes(MandateCommandLine.Outcome out) {
        List<String> lines = out.stdoutLines();
        return java.util.stream.IntStream.range(1, lines.size() - 1)
                .filter(i -> lines.get(i).startsWith("    ") && lines.get(i).contains("→"))
                .mapToObj(i -> lines.get(i - 1) + " | " + lines.get(i).trim())
                .collect(Collectors.toList());
    }

    private static String summary(MandateCommandLine.Outcome out) {
        List<String> lines = out.stdoutLines();
        return lines.get(lines.size() - 1);
    }
}
