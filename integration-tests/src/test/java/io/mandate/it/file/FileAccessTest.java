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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.mandate.it.file.FileAccessApp.fileName;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged agent decides every public way to open or change a file, on the JDK running the
 * tests and on Temurin 25: each entry point of {@link FileAccessApp} on a path the policy allows
 * runs and is journaled as allowed; on a path under {@code secret/} it fails as the JDK fails a
 * permission error (FileNotFoundException for java.io, AccessDeniedException for NIO, false or null
 * for APIs that return their failure), with the rule and reason, before anything happens (enforce),
 * or runs and is journaled as a DENY that was not blocked (audit). A link inside the allowed
 * directory that leads out of it, and a {@code ..} that climbs out, are decided where they lead.
 * One forked JVM per JDK and mode.
 */
class FileAccessTest {
    private static final String DENY_RULE = "file-it.mandate:6";
    private static final String REASON = "secrets are not for agents";
    private static final Map<String, RunOrFailure> RUNS = new ConcurrentHashMap<>();
    /** java.io APIs that throw: a denial is their FileNotFoundException. */
    private static final Set<String> JAVA_IO_THROWING = Set.of("FileInputStream", "FileReader", "RandomAccessFile_r",
            "FileOutputStream", "FileWriter", "RandomAccessFile_rw", "File.createNewFile", "symlink");
    /** java.io APIs that return their failure, and the value they return for it. */
    private static final Map<String, String> JAVA_IO_RETURNING = Map.of("File.list", "returned null",
            "File.listFiles", "returned null", "File.delete", "returned false", "File.mkdir", "returned false",
            "File.renameTo", "returned false");

    record Target(String jdk, Path home, String mode) {
        boolean enforce() {
            return mode.equals("enforce");
        }

        @Override
        public String toString() {
            return mode + " on " + jdk;
        }
    }

    record Run(JvmResult result, JournalEvents journal, Path root) {
        String outcome(String scenario) {
            return result.observation(scenario);
        }

        JournalEvent call(String scenario) {
            return journal.onlyCallInChain(result.observation(scenario + ".chain"));
        }
    }

    private record RunOrFailure(Run run, Throwable failure) {
    }

    static List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        for (String mode : List.of("enforce", "audit")) {
            targets.add(new Target("JDK " + Runtime.version().feature(), Path.of(System.getProperty("java.home")), mode));
            AgentJvm.temurin25().ifPresent(home -> targets.add(new Target("Temurin 25", home, mode)));
        }
        return targets;
    }

    /** Every entry point, with the operation its journal event names. */
    static Stream<Arguments> entryPoints() {
        List<Arguments> entries = new ArrayList<>();
        add(entries, FileAccessApp.READS, "read");
        add(entries, FileAccessApp.WRITES, "create");
        add(entries, FileAccessApp.LISTS, "list");
        add(entries, FileAccessApp.DELETES, "delete");
        add(entries, FileAccessApp.MKDIRS, "create");
        add(entries, FileAccessApp.MOVES, "move");
        add(entries, new String[] {"Files.copy"}, "copy");
        add(entries, new String[] {"symlink", "dotdot"}, "read");
        List<Arguments> all = new ArrayList<>();
        for (Target target : targets()) {
            for (Arguments entry : entries) {
                all.add(Arguments.of(target, entry.get()[0], entry.get()[1]));
            }
        }
        return all.stream();
    }

    private static void add(List<Arguments> entries, String[] names, String operation) {
        for (String name : names) {
            entries.add(Arguments.of(name, operation));
        }
    }

    private static Run run(Target target) {
        RunOrFailure known = RUNS.computeIfAbsent(target.toString(), key -> {
            try {
                return new RunOrFailure(start(target), null);
            } catch (RuntimeException | AssertionError e) {
                return new RunOrFailure(null, e);
            }
        });
        if (known.failure() != null) {
            throw new AssertionError("the " + target + " run failed", known.failure());
        }
        return known.run();
    }

    private static Run start(Target target) {
        try {
            Path base = Path.of(System.getProperty("mandate.it.buildDir", "target")).resolve("file-it");
            Files.createDirectories(base);
            Path root = Files.createTempDirectory(base, target.mode() + "-").toRealPath();
            prepare(root);
            String policyText = String.join("\n",
                    "policy \"file-it\"",
                    "default deny",
                    "agent \"" + FileAccessApp.AGENT + "\" {",
                    "  allow file read, list \"" + root + "/kb/**\"",
                    "  allow file read, write, create, delete \"" + root + "/out/**\"",
                    "  deny file * \"" + root + "/secret/**\" reason \"" + REASON + "\"",
                    "}",
                    "");
            Path policy = Files.writeString(root.resolve("file-it.mandate"), policyText);
            Path journal = root.resolve("journal");
            JvmResult result = AgentJvm.withAgent("policy=" + policy + ",mode=" + target.mode() + ",journal=" + journal)
                    .jdk(target.home())
                    .mainClass(FileAccessApp.class)
                    .args(root.toString())
                    .workDir(root.resolve("run"))
                    .run()
                    .assertSucceeded()
                    .assertStdoutEmpty()
                    .assertStderrDoesNotContain("mandate: internal error");
            assertEquals("true", result.observation("agentAttached"));
            return new Run(result, JournalEvents.read(journal), root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files the app reads, deletes and moves, links included; made here, where no agent decides. */
    private static void prepare(Path root) throws IOException {
        Path kb = Files.createDirectories(root.resolve("kb"));
        Path out = Files.createDirectories(root.resolve("out"));
        Path secret = Files.createDirectories(root.resolve("secret"));
        Files.writeString(kb.resolve("a.txt"), "kb-text\n");
        Files.writeString(secret.resolve("s.txt"), "secret-text\n");
        Files.createSymbolicLink(kb.resolve("alias.txt"), Path.of("a.txt"));
        Files.createSymbolicLink(kb.resolve("escape"), Path.of("../secret"));
        for (String name : FileAccessApp.DELETES) {
            Files.writeString(out.resolve(fileName(name) + ".del"), "x");
            Files.writeString(secret.resolve(fileName(name) + ".del"), "x");
        }
        for (String name : FileAccessApp.MOVES) {
            Files.writeString(out.resolve(fileName(name) + ".src"), "x");
            Files.writeString(out.resolve(fileName(name) + ".src2"), "x");
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("entryPoints")
    void allowedPathRunsAndIsJournaled(Target target, String entryPoint, String operation) {
        Run run = run(target);
        String scenario = entryPoint + ".allowed";
        String outcome = run.outcome(scenario);
        assertTrue(outcome.startsWith("ok ") || outcome.startsWith("listed ") || outcome.equals("returned true"),
                scenario + ": " + outcome);
        JournalEvent call = run.call(scenario);
        assertCall(call, target, scenario, operation, "ALLOW", false);
        assertTrue(call.string("ruleId").startsWith("file-it.mandate:"), call::toString);
        assertFalse(call.string("resource").contains("/secret/"), call::toString);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("entryPoints")
    void deniedPathFailsAsThePermissionErrorOfItsApiInEnforceAndRunsInAudit(Target target, String entryPoint,
                                                                          String operation) {
        Run run = run(target);
        String scenario = entryPoint + ".denied";
        String outcome = run.outcome(scenario);
        if (target.enforce()) {
            String expected = JAVA_IO_RETURNING.containsKey(entryPoint) ? JAVA_IO_RETURNING.get(entryPoint)
                    : "denied " + (JAVA_IO_THROWING.contains(entryPoint) ? "FileNotFoundException" : "AccessDeniedException")
                    + " rule=" + DENY_RULE;
            assertEquals(expected, outcome, scenario);
            if (!JAVA_IO_RETURNING.containsKey(entryPoint)) {
                String message = run.result().observation(scenario + ".message");
                assertTrue(message.contains("Mandate denied file ") && message.contains(" by rule " + DENY_RULE + ": " + REASON),
                        message);
            }
        } else {
            assertTrue(outcome.startsWith("ok ") || outcome.startsWith("listed ") || outcome.equals("returned true"),
                    scenario + ": " + outcome);
        }
        JournalEvent call = run.call(scenario);
        assertCall(call, target, scenario, operation, "DENY", target.enforce());
        assertEquals(DENY_RULE, call.string("ruleId"), call::toString);
        assertEquals(REASON, call.string("reason"), call::toString);
        assertTrue(call.string("resource").contains(run.root() + "/secret/") || call.string("resource")
                .equals(run.root() + "/secret"), call::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void deniedChangesNeverReachTheFileSystemInEnforce(Target target) {
        Run run = run(target);
        Path secret = run.root().resolve("secret");
        for (String name : FileAccessApp.WRITES) {
            assertEquals(!target.enforce(), Files.exists(secret.resolve(fileName(name))), name);
        }
        for (String name : FileAccessApp.DELETES) {
            assertEquals(target.enforce(), Files.exists(secret.resolve(fileName(name) + ".del")), name);
        }
        for (String name : FileAccessApp.MOVES) {
            assertEquals(target.enforce(), Files.exists(run.root().resolve("out").resolve(fileName(name) + ".src2")), name);
            assertEquals(!target.enforce(), Files.exists(secret.resolve(fileName(name) + ".dst")), name);
        }
        assertEquals(!target.enforce(), Files.exists(secret.resolve("copy.dst")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aLinkOrADotDotIsDecidedWhereItReallyLeads(Target target) {
        Run run = run(target);
        String root = run.root().toString();
        JournalEvent alias = run.call("symlink.allowed");
        assertEquals(List.of(new JournalEvent.Access("read", root + "/kb/a.txt")), alias.accesses());
        assertEquals(root + "/kb/a.txt (via " + root + "/kb/alias.txt)", alias.string("resource"));
        JournalEvent escape = run.call("symlink.denied");
        assertEquals(List.of(new JournalEvent.Access("read", root + "/secret/s.txt")), escape.accesses());
        assertEquals(root + "/secret/s.txt (via " + root + "/kb/escape/s.txt)", escape.string("resource"));
        JournalEvent climb = run.call("dotdot.denied");
        assertEquals(List.of(new JournalEvent.Access("read", root + "/secret/s.txt")), climb.accesses());
        assertEquals(root + "/secret/s.txt (via " + root + "/kb/../secret/s.txt)", climb.string("resource"));
        if (target.enforce()) {
            assertEquals("kb-text", run.outcome("symlink.allowed").substring(3));
            String message = run.result().observation("symlink.denied.message");
            assertEquals(root + "/kb/escape/s.txt (Mandate denied file read of " + root + "/secret/s.txt by rule "
                    + DENY_RULE + ": " + REASON + ")", message);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void accessesNameEveryPathAnOperationTouches(Target target) {
        Run run = run(target);
        String out = run.root() + "/out/";
        String secret = run.root() + "/secret/";
        assertEquals(List.of(new JournalEvent.Access("write", out + "FileOutputStream"),
                new JournalEvent.Access("create", out + "FileOutputStream")), run.call("FileOutputStream.allowed").accesses());
        assertEquals(List.of(new JournalEvent.Access("read", out + "RandomAccessFile_rw"),
                        new JournalEvent.Access("write", out + "RandomAccessFile_rw"),
                        new JournalEvent.Access("create", out + "RandomAccessFile_rw")),
                run.call("RandomAccessFile_rw.allowed").accesses());
        assertEquals(List.of(new JournalEvent.Access("delete", out + "Files-move.src2"),
                        new JournalEvent.Access("write", secret + "Files-move.dst"),
                        new JournalEvent.Access("create", secret + "Files-move.dst")),
                run.call("Files.move.denied").accesses());
        assertEquals(List.of(new JournalEvent.Access("read", run.root() + "/kb/a.txt"),
                        new JournalEvent.Access("write", secret + "copy.dst"),
                        new JournalEvent.Access("create", secret + "copy.dst")),
                run.call("Files.copy.denied").accesses());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void theJvmsOwnReadsAndTheAgentsOwnFilesAreNeverDecided(Target target) {
        Run run = run(target);
        String javaHome = target.home().toString();
        List<JournalEvent> fileCalls = run.journal().filter(e -> e.type().equals(JournalEvents.CALL)
                && "file".equals(e.string("kind")));
        for (JournalEvent call : fileCalls) {
            String resource = call.string("resource");
            assertFalse(resource.startsWith(javaHome) || resource.contains("/journal/") || resource.endsWith(".jar")
                    || resource.contains("/test-classes/") || resource.endsWith("observations.txt"), call::toString);
        }
        long outsideChains = fileCalls.stream().filter(e -> e.string("chainId").isEmpty()).count();
        assertEquals(0, outsideChains, run.journal()::dump);
    }

    private static void assertCall(JournalEvent call, Target target, String scenario, String operation, String verdict,
                                   boolean blocked) {
        assertAll(scenario,
                () -> assertEquals("file", call.string("kind")),
                () -> assertEquals(operation, call.string("operation"), call::toString),
                () -> assertEquals(verdict, call.string("verdict"), call::toString),
                () -> assertEquals(blocked, call.flag("blocked"), call::toString),
                () -> assertEquals(target.mode(), call.string("mode")),
                () -> assertEquals(FileAccessApp.AGENT, call.string("agent")),
                () -> assertEquals("tool_" + scenario, call.string("tool")));
    }
}
