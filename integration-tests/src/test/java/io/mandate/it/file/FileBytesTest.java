package io.mandate.it.file;

import io.mandate.agent.journal.JournalEvent;
import io.mandate.it.support.AgentJvm;
import io.mandate.it.support.JournalEvents;
import io.mandate.it.support.JvmResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The packaged agent meters the bytes applications read from and write to files they open against
 * {@code limit file bytes-read 16KB per chain} and {@code bytes-written 16KB per chain}, on the JDK
 * running the tests and on Temurin 25: reading a 40,000-byte file through FileInputStream
 * (readAllBytes, transferTo), RandomAccessFile, Files.readAllBytes and a stream's own channel, and
 * writing 40,000 bytes through FileOutputStream and Files.write. In enforce mode the read that crosses
 * the budget fails with an IOException that is a PolicyDenial naming the limit's rule, and a write
 * that would cross it fails before writing (a single 40,000-byte write writes nothing; Files.write's
 * 8 KiB chunks stop after two); in audit mode everything goes through. The journal shows each
 * scenario's open, then exactly one limit event (operation read or write, the file, the rule, blocked
 * only in enforce mode).
 */
class FileBytesTest {
    private static final String READ_RULE = "limit:file-it.mandate:5";
    private static final String WRITE_RULE = "limit:file-it.mandate:6";
    private static final String READ_REASON = "limit file bytes-read 16KB per chain exceeded";
    private static final String WRITE_REASON = "limit file bytes-written 16KB per chain exceeded";
    private static final Map<String, Run> RUNS = new ConcurrentHashMap<>();

    record Target(String jdk, Path home, String mode) {
        boolean enforce() {
            return mode.equals("enforce");
        }

        @Override
        public String toString() {
            return mode + " on " + jdk;
        }
    }

    record Run(Target target, JvmResult result, JournalEvents journal, Path root) {
        String outcome(String scenario) {
            return result.observation(scenario);
        }

        List<JournalEvent> calls(String scenario) {
            return journal.callsInChain(result.observation(scenario + ".chain"));
        }
    }

    static List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        for (String mode : List.of("enforce", "audit")) {
            targets.add(new Target("JDK " + Runtime.version().feature(), Path.of(System.getProperty("java.home")), mode));
            AgentJvm.temurin25().ifPresent(home -> targets.add(new Target("Temurin 25", home, mode)));
        }
        return targets;
    }

    private static Run run(Target target) {
        return RUNS.computeIfAbsent(target.toString(), key -> {
            try {
                Path base = Path.of(System.getProperty("mandate.it.buildDir", "target")).resolve("file-it");
                Files.createDirectories(base);
                Path root = Files.createTempDirectory(base, "bytes-" + target.mode() + "-").toRealPath();
                Files.createDirectories(root.resolve("kb"));
                Files.createDirectories(root.resolve("out"));
                Files.createDirectories(root.resolve("run"));
                Files.write(root.resolve("kb/large.bin"), new byte[FileBytesApp.LARGE]);
                Files.writeString(root.resolve("kb/small.txt"), "article");
                Path policy = Files.writeString(root.resolve("file-it.mandate"), String.join("\n",
                        "policy \"file-it\"",
                        "default deny",
                        "agent \"" + FileBytesApp.AGENT + "\" {",
                        "  allow file read, write, create \"" + root + "/**\"",
                        "  limit file bytes-read 16KB per chain",
                        "  limit file bytes-written 16KB per chain",
                        "}",
                        ""));
                Path journal = root.resolve("journal");
                JvmResult result = AgentJvm.withAgent("policy=" + policy + ",mode=" + target.mode() + ",journal=" + journal)
                        .jdk(target.home())
                        .mainClass(FileBytesApp.class)
                        .args(root.toString())
                        .workDir(root.resolve("run"))
                        .run()
                        .assertSucceeded()
                        .assertStdoutEmpty()
                        .assertStderrDoesNotContain("mandate: internal error");
                assertEquals("true", result.observation("agentAttached"));
                return new Run(target, result, JournalEvents.read(journal), root);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void readsOverTheBudgetAreStoppedInEnforceModeAndJournaledOnceInAudit(Target target) {
        Run run = run(target);
        String large = run.root().resolve("kb/large.bin").toString();
        String denied = "denied rule=" + READ_RULE + " message=Mandate stopped file read of " + large + " by rule "
                + READ_RULE + ": " + READ_REASON;
        String whole = "ok " + FileBytesApp.LARGE;
        for (String scenario : List.of("fis", "fis_transfer", "raf", "nio", "stream_channel")) {
            assertEquals(target.enforce() ? denied : whole, run.outcome(scenario), scenario);
            assertOpenThenOneLimitEvent(run, scenario, "read", large, READ_RULE, READ_REASON);
        }
        assertEquals("ok 7", run.outcome("small"));
        assertEquals(1, run.calls("small").size(), () -> run.journal().dump());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void writesThatWouldCrossTheBudgetWriteNothingInEnforceMode(Target target) {
        Run run = run(target);
        String fos = run.root().resolve("out/fos.bin").toString();
        String nio = run.root().resolve("out/nio.bin").toString();
        String denial = "denied rule=" + WRITE_RULE + " message=Mandate stopped file write of ";
        String byRule = " by rule " + WRITE_RULE + ": " + WRITE_REASON;
        assertAll(
                () -> assertEquals(target.enforce() ? denial + fos + byRule : "ok " + FileBytesApp.LARGE,
                        run.outcome("fos")),
                () -> assertEquals(target.enforce() ? "0" : "40000", run.outcome("fos.size")),
                () -> assertEquals(target.enforce() ? denial + nio + byRule : "ok nio.bin", run.outcome("nio_write")),
                () -> assertEquals(target.enforce() ? "16384" : "40000", run.outcome("nio_write.size")));
        assertOpenThenOneLimitEvent(run, "fos", "write", fos, WRITE_RULE, WRITE_REASON);
        assertOpenThenOneLimitEvent(run, "nio_write", "write", nio, WRITE_RULE, WRITE_REASON);
    }

    private static void assertOpenThenOneLimitEvent(Run run, String scenario, String operation, String file,
                                                    String rule, String reason) {
        List<JournalEvent> calls = run.calls(scenario);
        assertEquals(2, calls.size(), () -> scenario + ": " + run.journal().dump());
        assertEquals("ALLOW", calls.get(0).string("verdict"), () -> scenario + ": " + calls.get(0));
        JournalEvent limit = calls.get(1);
        assertAll(scenario + ": " + limit,
                () -> assertEquals("file", limit.string("kind")),
                () -> assertEquals(operation, limit.string("operation")),
                () -> assertEquals(file, limit.string("resource")),
                () -> assertEquals("DENY", limit.string("verdict")),
                () -> assertEquals(rule, limit.string("ruleId")),
                () -> assertEquals(reason, limit.string("reason")),
                () -> assertEquals(run.target().enforce(), limit.flag("blocked")),
                () -> assertEquals(run.target().mode(), limit.string("mode")),
                () -> assertEquals(FileBytesApp.AGENT, limit.string("agent")),
                () -> assertEquals("tool_" + scenario, limit.string("tool")));
    }
}
