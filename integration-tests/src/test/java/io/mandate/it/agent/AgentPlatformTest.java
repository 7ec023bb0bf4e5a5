package io.mandate.it.agent;

import io.mandate.it.support.AgentJvm;
import io.mandate.it.support.JournalEvents;
import io.mandate.it.support.JvmResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged agent as an operator meets it: one line on stderr, nothing on stdout, the public API
 * bridged to the agent, and none of the agent's internals visible to the application.
 */
class AgentPlatformTest {
    private static final String[] INTERNALS = {
            "net.bytebuddy.ByteBuddy",
            "io.mandate.agent.startup.AgentStarter",
            "io.mandate.agent.enforcement.PolicyEnforcer",
            "io.mandate.policy.PolicyLoader",
            "net.openhft.chronicle.queue.ChronicleQueue",
            "com.fasterxml.jackson.databind.ObjectMapper",
            "net.sf.jsqlparser.parser.CCJSqlParserUtil",
    };
    private static final Pattern STARTUP_LINE = Pattern.compile(
            "mandate \\S+: enforce, no policy: every call is denied, journal \\S+, agent probe-service, "
                    + "\\d+ instrumentations?, \\d+ ms");

    static List<Path> jdks() {
        return Jdks.all();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void startsWithOneLineOnStderrBridgesTheApiAndHidesItsInternals(Path jdk, @TempDir Path workDir) {
        Path journal = workDir.resolve("journal");
        JvmResult result = AgentJvm.withAgent("mode=enforce,agent=probe-service,journal=" + journal)
                .jdk(jdk)
                .workDir(workDir)
                .mainClass(PlatformProbeApp.class)
                .args(withBridgeClasses())
                .run();

        result.assertSucceeded().assertStdoutEmpty();
        assertEquals(1, result.stderrLines().size(), result.describe());
        assertTrue(STARTUP_LINE.matcher(result.stderrLines().get(0)).matches(), result.describe());

        assertEquals("true", result.observation("attached"));
        assertEquals("boot", result.observation("api.loader"), "the app's own copy of the API must not be used");
        assertEquals("boot", result.observation("class.io.mandate.bootstrap.ContextHolder"));
        for (String internal : INTERNALS) {
            assertEquals("absent", result.observation("class." + internal), internal + " leaked to the app");
        }
        // the journal's Chronicle releases what it unmaps on the writer's thread, and the switch that
        // says so is the host's again once Chronicle read it
        assertEquals("unset", result.observation("property.background.releaser"));
        assertEquals("false", result.observation("thread.chronicleReleaser"));

        assertEquals("true", result.observation("root.matches"));
        assertEquals("probe-bot", result.observation("root.agent"));
        assertEquals("1", result.observation("root.depth"));
        assertEquals("2", result.observation("child.depth"));
        assertEquals("true", result.observation("child.parentIsRoot"));
        assertEquals("helper-bot", result.observation("child.agent"));
        assertEquals("lookup", result.observation("child.tool"));
        assertEquals("true", result.observation("child.stepMatches"));
        assertEquals("true", result.observation("root.restored"));
        assertEquals("false", result.observation("after.present"));

        JournalEvents events = JournalEvents.read(journal);
        assertEquals(1, events.ofType("agent.start").size(), events.dump());
        assertEquals("probe-service", events.ofType("agent.start").get(0).string("agent"));
        events.onlyLifecycle("chain.open", "chainId", result.observation("root.id"));
        events.onlyLifecycle("chain.close", "chainId", result.observation("child.id"));
        assertEquals(1, events.ofType("step.open").size(), events.dump());
        assertEquals(1, events.ofType("agent.stop").size(), events.dump());
    }

    @Test
    void withoutTheAgentTheSameAppUsesItsOwnInertCopyOfTheApi(@TempDir Path workDir) {
        JvmResult result = AgentJvm.withoutAgent().workDir(workDir).mainClass(PlatformProbeApp.class).run();

        result.assertSucceeded();
        assertEquals("false", result.observation("attached"));
        assertEquals("app", result.observation("api.loader"));
        assertEquals("false", result.observation("root.matches"));
    }

    @Test
    void aPolicyIsNamedWithItsHashAndFileInTheStartupLine(@TempDir Path workDir) {
        Path policy = Path.of(System.getProperty("mandate.it.samplePolicy"));
        JvmResult result = AgentJvm.withAgent("policy=" + policy + ",mode=audit,agent=probe-service,journal="
                        + workDir.resolve("journal"))
                .workDir(workDir)
                .mainClass(PlatformProbeApp.class)
                .run();

        result.assertSucceeded().assertStdoutEmpty();
        String line = result.stderrLines().get(result.stderrLines().size() - 1);
        assertTrue(Pattern.compile("mandate \\S+: audit, policy support-desk sha256:[0-9a-f]{8} \\("
                        + Pattern.quote(policy.toString()) + "\\), journal \\S+, agent probe-service, .*")
                .matcher(line).matches(), result.describe());
        assertFalse(result.stderr().contains("WARNING"), result.describe());
    }

    private static String[] withBridgeClasses() {
        String[] probes = new String[INTERNALS.length + 1];
        System.arraycopy(INTERNALS, 0, probes, 0, INTERNALS.length);
        probes[INTERNALS.length] = "io.mandate.bootstrap.ContextHolder";
        return probes;
    }
}
