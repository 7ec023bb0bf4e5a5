package io.mandate.it.control;

import io.mandate.agent.journal.JournalEvent;
import io.mandate.it.cli.MandateCommandLine;
import io.mandate.it.cli.MandateCommandLine.Outcome;
import io.mandate.it.jdbc.Policies;
import io.mandate.it.jdbc.SupportDeskDatabase;
import io.mandate.it.support.AgentJvm;
import io.mandate.it.support.JournalEvents;
import io.mandate.it.support.JvmResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The control channel against a JVM started with -javaagent: revoke and restore, status, policy
 * reload, each through the real {@code bin/mandate} and checked in what the application's calls do
 * afterwards and in the journal.
 */
class ControlChannelTest {
    private static final String TICKETS = "jdbc-query SELECT id FROM tickets WHERE id <= 3"; // within the row limit
    private static final String SALARIES = "jdbc-query SELECT employee FROM salaries";

    @Test
    void revokingAParentChainDeniesItsDelegatedChildrenFromTheirNextCallEvenInAuditMode(@TempDir Path dir)
            throws Exception {
        SupportDeskDatabase database = SupportDeskDatabase.h2(dir);
        Path journal = dir.resolve("journal");
        try (TargetJvm app = TargetJvm.start(AgentJvm.withAgent("policy=" + Policies.SUPPORT_DESK
                + ",mode=audit,agent=support-bot,journal=" + journal), dir)) {
            assertEquals("ok", app.step("jdbc-open " + database.appJdbcUrl()));
            app.step("chain-open support-bot answer ticket 7");
            String parent = app.lastStep("chain");
            app.step("delegate support-researcher find related tickets");
            String child = app.lastStep("chain");
            expect(app, TICKETS, "ok", "allowed before the revoke");

            Outcome revoke = mandate("revoke", app.pidText(), "--chain", parent, "--reason", "prompt injection");
            assertEquals(0, revoke.exitCode(), revoke.describe());
            assertTrue(revoke.stdout().contains("chain " + parent + " revoked"), revoke.describe());

            expect(app, TICKETS, "denied", "the child of a revoked chain is stopped, in audit mode too");
            app.step("close");
            expect(app, TICKETS, "denied", "the revoked chain itself");
            Outcome status = mandate("status", app.pidText());
            assertEquals(0, status.exitCode(), status.describe());
            assertTrue(status.stdout().contains("revoked  chain " + parent), status.describe());
            assertTrue(status.stdout().contains(parent + "  agent support-bot depth 1 \"answer ticket 7\" user ops-test  REVOKED"),
                    status.describe());
            assertTrue(status.stdout().contains("mode     audit"), status.describe());
            app.step("close");
            app.step("chain-open support-bot answer ticket 8");
            String unrelated = app.lastStep("chain");
            expect(app, TICKETS, "ok", "a new chain is not revoked");

            Outcome revokeAgent = mandate("revoke", app.pidText(), "--agent", "support-bot");
            assertEquals(0, revokeAgent.exitCode(), revokeAgent.describe());
            expect(app, TICKETS, "denied", "the live chain of a revoked agent identity");
            Outcome restoreAgent = mandate("restore", app.pidText(), "--agent", "support-bot");
            assertEquals(0, restoreAgent.exitCode(), restoreAgent.describe());
            expect(app, TICKETS, "ok", "restored with its agent identity");

            JvmResult result = app.finish();
            result.assertSucceeded().assertStdoutEmpty();

            JournalEvents events = JournalEvents.read(journal);
            JournalEvent revoked = events.onlyLifecycle("chain.revoke", "chainId", parent);
            assertEquals("prompt injection", revoked.string("reason"));
            List<JournalEvent> childCalls = events.callsInChain(child);
            assertEquals(List.of("ALLOW", "DENY"), childCalls.stream().map(e -> e.string("verdict")).toList(),
                    events.dump());
            assertEquals("revoked", childCalls.get(1).string("ruleId"));
            assertTrue(childCalls.get(1).flag("blocked"), "a revoked chain's call is blocked in audit mode");
            assertEquals(List.of("ALLOW", "DENY", "ALLOW"), events.callsInChain(unrelated).stream()
                    .map(e -> e.string("verdict")).toList(), events.dump());
            JournalEvent command = events.onlyLifecycle("control.command", "chain", parent);
            assertEquals("revoke", command.string("command"));
            assertEquals("accepted", command.string("outcome"));
            assertEquals(System.getProperty("user.name"), command.string("senderUser"));
            assertFalse(command.string("senderPid").isEmpty());
            events.onlyLifecycle("agent.revoke", "agent", "support-bot");
            events.onlyLifecycle("agent.restore", "agent", "support-bot");
            events.onlyLifecycle("chain.restore", "chainId", unrelated);
        }
    }

    @Test
    void aBrokenPolicyIsRefusedWithItsDiagnosticsAndAGoodOneSwitchesAtOnce(@TempDir Path dir) throws Exception {
        SupportDeskDatabase database = SupportDeskDatabase.h2(dir);
        Path journal = dir.resolve("journal");
        Path broken = Files.writeString(dir.resolve("broken.mandate"),
                "policy \"broken\"\ndefault deny\nagent \"*\" {\n  allow jdbc selct on tickets\n}\n");
        Path generous = Files.writeString(dir.resolve("generous.mandate"),
                "policy \"generous\"\ndefault deny\nagent \"*\" {\n  allow jdbc select on tickets, salaries\n"
                        + "  allow file read, write, create, delete \"/tmp/**/support-desk*\"\n}\n");
        try (TargetJvm app = TargetJvm.start(AgentJvm.withAgent("policy=" + Policies.SUPPORT_DESK
                + ",mode=enforce,agent=support-bot,journal=" + journal), dir)) {
            app.step("jdbc-open " + database.appJdbcUrl());
            expect(app, SALARIES, "denied");
            String before = statusField(app, "policy");

            Outcome refused = mandate("policy", "reload", app.pidText(), broken.toString());
            assertEquals(1, refused.exitCode(), refused.describe());
            assertTrue(refused.stderr().contains("broken.mandate:4:14: error: unknown jdbc operation 'selct'"),
                    refused.describe());
            assertTrue(refused.stderr().contains("the running policy stays"), refused.describe());
            assertEquals(before, statusField(app, "policy"), "the old policy stays");
            expect(app, TICKETS, "ok");
            expect(app, SALARIES, "denied");

            Outcome reloaded = mandate("policy", "reload", app.pidText(), generous.toString());
            assertEquals(0, reloaded.exitCode(), reloaded.describe());
            assertTrue(reloaded.stdout().contains("policy \"generous\""), reloaded.describe());
            expect(app, SALARIES, "ok", "decided by the new policy from the next call");
            String policyLine = statusField(app, "policy");
            assertTrue(policyLine.contains("\"generous\"") && policyLine.endsWith(generous.getFileName().toString()),
                    policyLine);

            Outcome again = mandate("policy", "reload", app.pidText());
            assertEquals(0, again.exitCode(), "without FILE the current file is reloaded\n" + again.describe());

            app.finish().assertSucceeded().assertStdoutEmpty();
            JournalEvents events = JournalEvents.read(journal);
            JournalEvent load = events.ofType("policy.load").get(0);
            JournalEvent reload = events.ofType("policy.reload").get(0);
            assertEquals(load.string("hash"), reload.string("previousHash"), events.dump());
            assertEquals("generous", reload.string("name"));
            assertFalse(reload.string("hash").equals(reload.string("previousHash")));
            JournalEvent rejected = events.filter(e -> e.type().equals("control.command")
                    && e.string("outcome").equals("rejected")).get(0);
            assertEquals("policy.reload", rejected.string("command"));
            assertTrue(rejected.string("diagnostics").contains("selct"));
        }
    }

    static void expect(TargetJvm app, String command, String outcome) {
        expect(app, command, outcome, "");
    }

    static void expect(TargetJvm app, String command, String outcome, String why) {
        String result = app.step(command);
        assertTrue(result.startsWith(outcome), command + ": expected " + outcome + ", got " + result + " " + why);
    }

    private static String statusField(TargetJvm app, String label) {
        Outcome status = mandate("status", app.pidText());
        assertEquals(0, status.exitCode(), status.describe());
        return status.stdoutLines().stream().filter(line -> line.startsWith(label + " ")).findFirst()
                .orElseThrow(() -> new AssertionError(status.describe()));
    }

    static Outcome mandate(String... args) {
        return MandateCommandLine.run(args);
    }
}
