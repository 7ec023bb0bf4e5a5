package io.mandate.it.control;

import io.mandate.agent.journal.JournalEvent;
import io.mandate.it.cli.MandateCommandLine.Outcome;
import io.mandate.it.jdbc.Policies;
import io.mandate.it.jdbc.SupportDeskDatabase;
import io.mandate.it.support.AgentJvm;
import io.mandate.it.support.JournalEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.List;

import static io.mandate.it.control.ControlChannelTest.expect;
import static io.mandate.it.control.ControlChannelTest.mandate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An agent started with an operator key: commands that widen access are refused unless signed with
 * it, narrowing ones are not; every attempt is journaled with its sender and whether it was signed.
 */
class ControlSigningTest {
    private static final String TICKETS = "jdbc-query SELECT id FROM tickets WHERE id <= 3";

    @Test
    void anUnsignedWideningCommandIsRefusedAndASignedOneAccepted(@TempDir Path dir) throws Exception {
        SupportDeskDatabase database = SupportDeskDatabase.h2(dir);
        Path journal = dir.resolve("journal");
        Path operatorKey = writePem(dir.resolve("operator.pem"), KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate());
        Path otherKey = writePem(dir.resolve("other.pem"), KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate());
        try (TargetJvm app = TargetJvm.start(AgentJvm.withAgent("policy=" + Policies.SUPPORT_DESK
                + ",mode=enforce,agent=support-bot,journal=" + journal + ",operatorKey=" + operatorKey), dir)) {
            app.step("jdbc-open " + database.appJdbcUrl());
            app.step("chain-open support-bot answer ticket 9");
            String chain = app.lastStep("chain");

            Outcome revoke = mandate("revoke", app.pidText(), "--chain", chain);
            assertEquals(0, revoke.exitCode(), "narrowing needs no signature\n" + revoke.describe());
            expect(app, TICKETS, "denied");

            Outcome unsigned = mandate("restore", app.pidText(), "--chain", chain);
            assertEquals(1, unsigned.exitCode(), unsigned.describe());
            assertTrue(unsigned.stderr().contains("refused: restore widens what the application may do"), unsigned.describe());
            Outcome forged = mandate("restore", app.pidText(), "--chain", chain, "--operator-key", otherKey.toString());
            assertEquals(1, forged.exitCode(), forged.describe());
            assertTrue(forged.stderr().contains("not the operator key's"), forged.describe());
            Outcome toAudit = mandate("policy", "reload", app.pidText());
            assertEquals(1, toAudit.exitCode(), toAudit.describe());
            Outcome modeAudit = mandate("mode", app.pidText(), "audit");
            assertEquals(1, modeAudit.exitCode(), modeAudit.describe());
            assertTrue(modeAudit.stderr().contains("refused: mode widens what the application may do"), modeAudit.describe());
            Outcome attachAudit = mandate("attach", app.pidText(), "--mode", "audit");
            assertEquals(1, attachAudit.exitCode(), "attaching again is no way around the key\n" + attachAudit.describe());
            assertTrue(attachAudit.stderr().contains("refused: mode widens"), attachAudit.describe());
            Outcome modeEnforce = mandate("mode", app.pidText(), "enforce");
            assertEquals(0, modeEnforce.exitCode(), "towards enforce narrows\n" + modeEnforce.describe());
            expect(app, TICKETS, "denied", "still revoked after the refused commands");

            Outcome signed = mandate("restore", app.pidText(), "--chain", chain, "--operator-key", operatorKey.toString());
            assertEquals(0, signed.exitCode(), signed.describe());
            expect(app, TICKETS, "ok", "restored by the signed command");
            Outcome status = mandate("status", app.pidText());
            assertTrue(status.stdout().contains("widening commands must be signed with the operator key"), status.describe());

            app.finish().assertSucceeded().assertStdoutEmpty();
            JournalEvents events = JournalEvents.read(journal);
            List<JournalEvent> restores = events.filter(e -> e.type().equals("control.command")
                    && e.string("command").equals("restore"));
            assertEquals(List.of("rejected unsigned", "rejected invalid", "accepted operator"), restores.stream()
                    .map(e -> e.string("outcome") + " " + e.string("signed")).toList(), events.dump());
            for (JournalEvent restore : restores) {
                assertEquals(System.getProperty("user.name"), restore.string("senderUser"));
            }
            events.onlyLifecycle("chain.restore", "chainId", chain);
        }
    }

    static Path writePem(Path file, PrivateKey key) throws Exception {
        return Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
    }
}
