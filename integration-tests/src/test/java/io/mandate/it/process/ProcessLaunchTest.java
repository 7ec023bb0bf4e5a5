package io.mandate.it.process;

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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged agent decides every way a JVM launches a process, on the JDK running the tests and
 * on Temurin 25: an allowed launch runs and is journaled with its command line digested, a denied
 * one throws an IOException that is a PolicyDenial before anything runs (enforce), or runs and is
 * journaled as a DENY that was not blocked (audit). One forked JVM per JDK and mode.
 */
class ProcessLaunchTest {
    private static final String POLICY = String.join("\n",
            "policy \"process-it\"",
            "default deny",
            "agent \"ops-bot\" {",
            "  allow process exec \"echo\"",
            "  deny process exec \"env\" reason \"env runs any program it is given\"",
            "  deny process exec \"sh\" reason \"no shells\"",
            "}",
            "");
    private static final String ENV_RULE = "process-it.mandate:5";
    private static final String SH_RULE = "process-it.mandate:6";
    private static final Map<String, RunOrFailure> RUNS = new ConcurrentHashMap<>();

    record Target(String jdk, Path home, String mode) {
        @Override
        public String toString() {
            return mode + " on " + jdk;
        }
    }

    record Run(JvmResult result, JournalEvents journal, Path marker) {
        String outcome(String scenario) {
            return result.observation(scenario);
        }

        JournalEvent call(String scenario) {
            return journal.onlyCallInChain(result.observation(scenario + ".chain"));
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

    /** One JVM per target, shared by the tests that check its parts; a failed run fails them all without a rerun. */
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

    private record RunOrFailure(Run run, Throwable failure) {
    }

    private static Run start(Target target) {
        try {
            Path root = Path.of(System.getProperty("mandate.it.buildDir", "target")).resolve("process-it");
            Files.createDirectories(root);
            Path dir = Files.createTempDirectory(root, target.mode() + "-");
            Path policy = Files.writeString(dir.resolve("process-it.mandate"), POLICY);
            Path journal = dir.resolve("journal");
            Path marker = dir.resolve("marker");
            JvmResult result = AgentJvm.withAgent("policy=" + policy + ",mode=" + target.mode() + ",journal=" + journal)
                    .jdk(target.home())
                    .mainClass(ProcessLaunchApp.class)
                    .args(marker.toString())
                    .workDir(dir)
                    .run()
                    .assertSucceeded()
                    .assertStdoutEmpty()
                    .assertStderrDoesNotContain("mandate: internal error");
            assertEquals("true", result.observation("agentAttached"));
            return new Run(result, JournalEvents.read(journal), marker);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void allowedBuilderLaunchRunsAndIsJournaledWithoutItsArguments(Target target) {
        Run run = run(target);
        assertEquals("ok exit=0 out=hello --token=" + ProcessLaunchApp.SECRET, run.outcome("builder"));
        JournalEvent call = run.call("builder");
        assertCall(call, target, "ALLOW", "process-it.mandate:4", false, "/bin/echo");
        assertEquals("greet", call.string("tool"));
        String display = call.string("resource");
        assertFalse(display.contains(ProcessLaunchApp.SECRET) || display.contains("hello"), display);
        assertTrue(display.matches("/bin/echo <arg:[0-9a-f]{12}> --token=<arg:[0-9a-f]{12}>"), display);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void runtimeExecOfADeniedProgram(Target target) {
        Run run = run(target);
        JournalEvent call = run.call("runtime_array");
        if (target.mode().equals("enforce")) {
            assertEquals("denied rule=" + ENV_RULE + " reason=env runs any program it is given message=Mandate denied"
                    + " process exec of /usr/bin/env by rule " + ENV_RULE + ": env runs any program it is given",
                    run.outcome("runtime_array"));
            assertEquals("false", run.result().observation("marker.exists"), "the denied program never ran");
            assertCall(call, target, "DENY", ENV_RULE, true, "/usr/bin/env");
        } else {
            assertEquals("ok exit=0 out=", run.outcome("runtime_array"));
            assertEquals("true", run.result().observation("marker.exists"), "audit mode lets the program run");
            assertCall(call, target, "DENY", ENV_RULE, false, "/usr/bin/env");
        }
        assertEquals("touch_marker", call.string("tool"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void runtimeExecOfASingleStringIsDecidedOnItsFirstWord(Target target) {
        Run run = run(target);
        JournalEvent call = run.call("runtime_string");
        boolean enforce = target.mode().equals("enforce");
        assertEquals(enforce ? "denied rule=" + SH_RULE + " reason=no shells message=Mandate denied process exec of sh"
                + " by rule " + SH_RULE + ": no shells" : "ok exit=0 out=", run.outcome("runtime_string"));
        assertCall(call, target, "DENY", SH_RULE, enforce, "sh");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void pipelineStagesAreDecidedOneByOne(Target target) {
        Run run = run(target);
        boolean enforce = target.mode().equals("enforce");
        List<JournalEvent> calls = run.journal().callsInChain(run.result().observation("pipeline.chain"));
        assertEquals(2, calls.size(), run.journal()::dump);
        assertCall(calls.get(0), target, "ALLOW", "process-it.mandate:4", false, "/bin/echo");
        assertCall(calls.get(1), target, "DENY", SH_RULE, enforce, "sh");
        assertEquals(enforce ? "denied rule=" + SH_RULE + " reason=no shells message=Mandate denied process exec of sh"
                + " by rule " + SH_RULE + ": no shells" : "ok exit=0 out=piped", run.outcome("pipeline"));
    }

    private static void assertCall(JournalEvent call, Target target, String verdict, String ruleId, boolean blocked,
                                   String executable) {
        assertAll(
                () -> assertEquals("process", call.string("kind")),
                () -> assertEquals("exec", call.string("operation")),
                () -> assertEquals(List.of(new JournalEvent.Access("exec", executable)), call.accesses()),
                () -> assertTrue(call.string("resource").startsWith(executable), call.string("resource")),
                () -> assertEquals(verdict, call.string("verdict")),
                () -> assertEquals(ruleId, call.string("ruleId")),
                () -> assertEquals(blocked, call.flag("blocked")),
                () -> assertEquals(target.mode(), call.string("mode")),
                () -> assertEquals(ProcessLaunchApp.AGENT, call.string("agent")),
                () -> assertEquals(1L, call.longField("depth")));
    }
}
