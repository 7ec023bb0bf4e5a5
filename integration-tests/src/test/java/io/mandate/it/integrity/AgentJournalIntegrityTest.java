package io.mandate.it.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mandate.agent.journal.JournalEvent;
import io.mandate.agent.journal.JournalReader;
import io.mandate.agent.journal.JournalVerifier;
import io.mandate.agent.journal.VerificationReport;
import io.mandate.it.apps.ClasspathProbeApp;
import io.mandate.it.apps.SleepingApp;
import io.mandate.it.support.AgentJvm;

/**
 * The real agent's journal verifies: a run SIGKILLed by the harness, then a restarted run in the
 * same directory, each certified by the configured operator key; the run start names the run key
 * and the agent jar's hash; another operator's key and a tampered byte are refused, also through
 * the {@code mandate verify} command.
 */
class AgentJournalIntegrityTest {
    @TempDir
    Path workDir;

    @Test
    void aKilledRunAndARestartVerifyAsTwoCertifiedWriters() throws Exception {
        KeyPair operator = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPair stranger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path operatorPrivate = pem(workDir.resolve("operator.pem"), "PRIVATE KEY", operator.getPrivate().getEncoded());
        Path operatorPublic = pem(workDir.resolve("operator.pub.pem"), "PUBLIC KEY", operator.getPublic().getEncoded());
        Path strangerPublic = pem(workDir.resolve("stranger.pub.pem"), "PUBLIC KEY", stranger.getPublic().getEncoded());
        Path journal = workDir.resolve("journal");
        String agentArgs = "journal=" + journal + ",operatorKey=" + operatorPrivate;

        // the harness SIGKILLs a JVM that outlives its timeout: no shutdown hook, no journal.close
        AgentJvm killed = AgentJvm.withAgent(agentArgs).mainClass(SleepingApp.class).workDir(workDir.resolve("run1"))
                .timeout(Duration.ofSeconds(8));
        assertThrows(AssertionError.class, killed::run);

        List<JournalEvent> events = JournalReader.readAll(journal);
        assertFalse(events.stream().anyMatch(e -> e.type().equals("journal.close")), "a killed run has no close");
        JournalEvent open = only(events, "journal.open");
        JournalEvent start = only(events, "agent.start");
        assertEquals(open.string("runPublicKey"), start.string("runPublicKey"));
        assertEquals("true", start.string("operatorCertified"));
        JournalEvent artifacts = only(events, "agent.artifacts");
        assertEquals(sha256(AgentJvm.agentJar()), artifacts.string("agentJarSha256"));

        VerificationReport first = JournalVerifier.verify(journal, operator.getPublic());
        assertTrue(first.ok(), first.summary());
        assertEquals(1, first.writers());

        AgentJvm.withAgent(agentArgs).mainClass(ClasspathProbeApp.class).workDir(workDir.resolve("run2"))
                .run().assertSucceeded();
        VerificationReport both = JournalVerifier.verify(journal, operator.getPublic());
        assertTrue(both.ok(), both.summary());
        assertEquals(2, both.writers());
        assertTrue(both.checkpoints() >= 2, both.summary());

        MandateCommand ok = mandate("verify", journal.toString(), "--operator-key", operatorPublic.toString());
        assertEquals(0, ok.exit, ok.output);
        assertTrue(ok.output.startsWith("OK"), ok.output);
        assertTrue(ok.output.contains(" 2 writers"), ok.output);

        MandateCommand uncertified = mandate("verify", journal.toString(), "--operator-key", strangerPublic.toString());
        assertEquals(1, uncertified.exit, uncertified.output);
        assertTrue(uncertified.output.startsWith("TAMPERED UNCERTIFIED"), uncertified.output);

        MandateCommand usage = mandate("verify", workDir.resolve("no-such-journal").toString());
        assertEquals(2, usage.exit, usage.output);
    }

    private static JournalEvent only(List<JournalEvent> events, String type) {
        List<JournalEvent> matches = events.stream().filter(e -> e.type().equals(type)).toList();
        assertEquals(1, matches.size(), type + " in " + events);
        return matches.get(0);
    }

    /** The PEM layout openssl writes (PKCS#8 "PRIVATE KEY", X.509 "PUBLIC KEY"). */
    private static Path pem(Path file, String label, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return Files.writeString(file, "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n");
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            digest.update(in.readAllBytes());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MandateCommand mandate(String... args) throws Exception {
        return MandateCommand.run(args);
    }
}
