package io.mandate.it.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mandate.it.apps.jdbc.DelegatingSupportBotApp;
import io.mandate.it.jdbc.Policies;
import io.mandate.it.jdbc.SupportDeskDatabase;
import io.mandate.it.support.AgentJvm;
import io.mandate.it.support.JvmResult;

/**
 * The launcher over the journal of one real forked run: a support bot under the packaged agent in
 * enforce mode (support-desk policy, H2) that looks a customer up in its root chain and delegates
 * to a researcher chain, which searches tickets (allowed) and reads the payroll (denied).
 */
class CliReplayTest {
    private static Path journal;
    private static JvmResult run;

    @BeforeAll
    static void runTheBotUnderTheAgent(@TempDir Path workDir) throws SQLException {
        SupportDeskDatabase database = SupportDeskDatabase.h2(workDir);
        journal = workDir.resolve("journal");
        run = AgentJvm.withAgent("policy=" + Policies.SUPPORT_DESK + ",mode=enforce,journal=" + journal)
                .mainClass(DelegatingSupportBotApp.class)
                .appLibraries("h2")
                .args(database.jdbcUrl(), database.user(), database.password())
                .workDir(workDir)
                .run()
                .assertSucceeded();
    }

    @Test
    void treeNestsTheDelegatedChainUnderItsParentAndMarksTheDenial() {
        MandateCommandLine.Outcome out = MandateCommandLine.run("replay", "--no-color", journal.toString());
        assertEquals(0, out.exitCode(), out::describe);
        String root = run.observation("root.chain");
        String child = run.observation("child.chain");
        List<String> lines = out.stdoutLines();
        int agentLine = indexOf(lines, "agent " + DelegatingSupportBotApp.ROOT_AGENT);
        int rootLine = indexOf(lines, "chain " + root);
        int lookupLine = indexOf(lines, "SELECT name FROM customers WHERE id = ?");
        int childLine = indexOf(lines, "chain " + child);
        int payrollLine = indexOf(lines, "salaries");
        assertAll(out.describe(),
                () -> assertTrue(agentLine < rootLine && rootLine < lookupLine && lookupLine < childLine && childLine < payrollLine),
                () -> assertTrue(lines.get(rootLine).contains("\"" + DelegatingSupportBotApp.ROOT_PURPOSE + "\"")),
                () -> assertTrue(lines.get(childLine).contains("agent " + DelegatingSupportBotApp.CHILD_AGENT)),
                () -> assertTrue(indent(lines.get(childLine)) > indent(lines.get(rootLine)), "the child chain is nested"),
                () -> assertTrue(lines.get(payrollLine).contains("✗ DENY"), "the denial is marked"),
                () -> assertTrue(lines.get(payrollLine).contains("salary data is outside the support purpose")),
                () -> assertTrue(lines.get(payrollLine).contains("blocked")),
                () -> assertFalse(out.stdout().contains("\u001b["), "no colour into a pipe"),
                () -> assertEquals("3 calls: 2 allowed, 0 flagged, 1 denied", lines.get(lines.size() - 1)),
                () -> assertEquals("", out.stderr()));
    }

    @Test
    void jsonLinesCarryEveryEventAndTheFiltersNarrowThem() {
        MandateCommandLine.Outcome all = MandateCommandLine.run("replay", "--json", journal.toString());
        assertEquals(0, all.exitCode(), all::describe);
        assertTrue(all.stdoutLines().stream().allMatch(l -> l.startsWith("{") && l.endsWith("}")), all::describe);
        assertEquals(3, all.stdoutLines().stream().filter(l -> l.contains("\"type\":\"call\"")).count(), all::describe);
        assertTrue(all.stdoutLines().get(0).contains("\"type\":\"journal.open\""), all::describe);

        MandateCommandLine.Outcome denied = MandateCommandLine.run("replay", "--json", "--decision", "deny", journal.toString());
        assertEquals(1, denied.stdoutLines().size(), denied::describe);
        assertTrue(denied.stdout().contains("\"verdict\":\"DENY\"") && denied.stdout().contains("salaries"), denied::describe);

        MandateCommandLine.Outcome child = MandateCommandLine.run("replay", "--json", "--op", "select",
                "--chain", run.observation("child.chain"), journal.toString());
        assertEquals(2, child.stdoutLines().size(), child::describe);

        MandateCommandLine.Outcome researcher = MandateCommandLine.run("replay", "--no-color", "--agent", "*-researcher",
                "--since", "1h", journal.toString());
        assertFalse(researcher.stdout().contains("customers"), researcher::describe);
        assertTrue(researcher.stdout().endsWith("2 calls: 1 allowed, 0 flagged, 1 denied\n"), researcher::describe);

        MandateCommandLine.Outcome future = MandateCommandLine.run("replay", "--json", "--since", "2999-01-01", journal.toString());
        assertEquals("", future.stdout(), future::describe);
    }

    @Test
    void whatIfListsExactlyTheCallsANewPolicyDecidesOtherwise(@TempDir Path dir) throws IOException {
        Path relaxed = dir.resolve("relaxed.mandate");
        Files.writeString(relaxed, String.join("\n",
                "policy \"relaxed\"",
                "agent \"support-*\" {",
                "  allow jdbc select on customers, tickets, salaries",
                "}", ""));
        MandateCommandLine.Outcome out = MandateCommandLine.run("replay", "--no-color", journal.toString(), "--policy", relaxed.toString());
        assertEquals(0, out.exitCode(), out::describe);
        List<String> lines = out.stdoutLines();
        // the two lookups' rows are replayed too (nothing here limits rows)
        assertEquals("1 of 3 calls and 2 row reads would change: 1 DENY → ALLOW", lines.get(lines.size() - 1), out::describe);
        assertTrue(out.stdout().contains("relaxed.mandate:3"), out::describe);
        assertEquals(1, lines.stream().filter(l -> l.contains("→")).count() - 1, out::describe);
    }

    @Test
    void badArgumentsPrintUsageAndExit2WithoutAStackTrace() {
        for (String[] args : List.of(new String[] {"replay"}, new String[] {"replay", "--bogus", journal.toString()},
                new String[] {"frobnicate"}, new String[] {"replay", "--decision", "maybe", journal.toString()},
                new String[] {"replay", "--since", "yesterday-ish", journal.toString()})) {
            MandateCommandLine.Outcome out = MandateCommandLine.run(args);
            assertAll(out.describe(),
                    () -> assertEquals(2, out.exitCode()),
                    () -> assertFalse(out.stderr().contains("Exception") || out.stderr().contains("\tat ")),
                    () -> assertFalse(out.stderr().isBlank()));
        }
        MandateCommandLine.Outcome missing = MandateCommandLine.run("replay");
        assertTrue(missing.stderr().contains("Usage: mandate replay"), missing::describe);
    }

    @Test
    void aDirectoryThatIsNotAJournalIsOneLineAndExit2(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "not a journal");
        MandateCommandLine.Outcome out = MandateCommandLine.run("replay", dir.toString());
        assertEquals(2, out.exitCode(), out::describe);
        assertEquals(1, out.stderrLines().size(), out::describe);
        assertTrue(out.stderr().contains("is not a Mandate journal"), out::describe);

        MandateCommandLine.Outcome absent = MandateCommandLine.run("replay", dir.resolve("nowhere").toString());
        assertEquals(2, absent.exitCode(), absent::describe);
        assertEquals(List.of("mandate: no journal directory at " + dir.resolve("nowhere")), absent.stderrLines());
    }

    @Test
    void helpVersionAndCompletion() {
        MandateCommandLine.Outcome help = MandateCommandLine.run("--help");
        assertEquals(0, help.exitCode(), help::describe);
        assertTrue(help.stdout().contains("replay") && help.stdout().contains("policy"), help::describe);
        MandateCommandLine.Outcome version = MandateCommandLine.run("--version");
        assertTrue(version.stdout().startsWith("mandate 0.1.0"), version::describe);
        MandateCommandLine.Outcome completion = MandateCommandLine.run("completion");
        assertEquals(0, completion.exitCode(), completion::describe);
        assertTrue(completion.stdout().contains("complete -F"), completion::describe);
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line contains '" + text + "':\n" + lines.stream().collect(Collectors.joining("\n")));
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && !Character.isLetterOrDigit(line.charAt(i))) {
            i++;
        }
        return i;
    }
}
