package io.mandate.it.agent;

import io.mandate.it.support.AgentJvm;
import io.mandate.it.support.JvmResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the agent refuses to start, and how it starts degraded: a message for a person, never a stack
 * trace, and for a refusal an exit before the application's main runs.
 */
class StartupFailureTest {
    private static final int EXIT_CONFIG = 78;
    /** The policy has a misspelt verb on line 4, column 3. */
    private static final String BROKEN_POLICY = String.join("\n",
            "policy \"broken\"",
            "default deny",
            "agent \"*\" {",
            "  alow jdbc select on customers",
            "}",
            "");

    @Test
    void anUnknownKeyStopsTheStartWithTheValidKeys(@TempDir Path workDir) {
        JvmResult result = probe("polcy=support.mandate", workDir).run();

        assertRefusedBeforeMain(result);
        result.assertStderrContains("unknown configuration key 'polcy'")
                .assertStderrContains("valid keys: policy (a policy file path), mode (audit | enforce), journal");
    }

    @Test
    void aBadValueStopsTheStartWithTheValidValues(@TempDir Path workDir) {
        JvmResult result = probe("mode=strict", workDir).run();

        assertRefusedBeforeMain(result);
        result.assertStderrContains("bad value 'strict' for mode (from the agent arguments); valid values: audit, enforce");
    }

    @Test
    void aBadValueFromTheEnvironmentNamesTheVariable(@TempDir Path workDir) {
        JvmResult result = probe("", workDir).env("MANDATE_ONERROR", "maybe").run();

        assertRefusedBeforeMain(result);
        result.assertStderrContains("for onError (from MANDATE_ONERROR); valid values: open, closed");
    }

    @Test
    void aMistypedSystemPropertyStopsTheStart(@TempDir Path workDir) {
        JvmResult result = probe("", workDir).systemProperty("mandate.mdoe", "enforce").run();

        assertRefusedBeforeMain(result);
        result.assertStderrContains("-Dmandate.mdoe");
    }

    @Test
    void aPolicyWithErrorsUnderOnErrorClosedStopsTheStartWithItsDiagnostics(@TempDir Path workDir)
            throws IOException {
        Path policy = Files.writeString(workDir.resolve("broken.mandate"), BROKEN_POLICY);

        JvmResult result = probe("policy=" + policy + ",mode=enforce", workDir).run();

        assertRefusedBeforeMain(result);
        assertTrue(Pattern.compile("broken\\.mandate:4:\\d+: error").matcher(result.stderr()).find(), result.describe());
        result.assertStderrContains("alow jdbc select on customers").assertStderrContains("^");
    }

    @Test
    void aPolicyWithErrorsUnderOnErrorOpenRunsInAuditModeAndSaysSo(@TempDir Path workDir) throws IOException {
        Path policy = Files.writeString(workDir.resolve("broken.mandate"), BROKEN_POLICY);

        JvmResult result = probe("policy=" + policy + ",mode=enforce,onError=open,journal=" + workDir.resolve("journal"),
                workDir).run();

        result.assertSucceeded().assertStdoutEmpty();
        assertEquals("ran", result.observation("main"));
        result.assertStderrContains("WARNING: policy " + policy + " has errors")
                .assertStderrContains("running in AUDIT mode")
                .assertStderrContains("broken.mandate:4:");
        String startupLine = result.stderrLines().get(result.stderrLines().size() - 1);
        assertTrue(startupLine.matches("mandate \\S+: audit, policy .*broken\\.mandate NOT LOADED .*"), result.describe());
    }

    private static AgentJvm probe(String agentArguments, Path workDir) {
        return AgentJvm.withAgent(agentArguments).workDir(workDir).mainClass(PlatformProbeApp.class);
    }

    private static void assertRefusedBeforeMain(JvmResult result) {
        result.assertExitCode(EXIT_CONFIG).assertStdoutEmpty();
        assertTrue(result.observations("main").isEmpty(), "main ran:\n" + result.describe());
        assertFalse(result.stderr().contains("\tat "), "a stack trace reached the operator:\n" + result.describe());
        assertFalse(result.stderr().contains("Exception"), "an exception reached the operator:\n" + result.describe());
        result.assertStderrContains("stopping the JVM before main (exit status 78)");
    }
}
