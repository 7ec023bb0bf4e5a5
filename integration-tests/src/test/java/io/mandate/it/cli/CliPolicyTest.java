package io.mandate.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mandate.it.jdbc.Policies;

/** {@code mandate policy check|fmt|test} through the launcher: output and exit codes. */
class CliPolicyTest {

    @Test
    void checkPassesTheSupportDeskPolicyAndRendersErrorsLikeACompiler(@TempDir Path dir) throws IOException {
        MandateCommandLine.Outcome ok = MandateCommandLine.run("policy", "check", Policies.SUPPORT_DESK.toString());
        assertEquals(0, ok.exitCode(), ok::describe);
        assertTrue(ok.stdout().startsWith("support-desk.mandate: ok, policy \"support-desk\", hash "), ok::describe);

        Path broken = dir.resolve("broken.mandate");
        Files.writeString(broken, "policy \"p\"\nagent \"a\" {\n  allow jdbc selct on customers\n}\n");
        MandateCommandLine.Outcome bad = MandateCommandLine.run("policy", "check", broken.toString());
        assertEquals(1, bad.exitCode(), bad::describe);
        assertTrue(bad.stdout().contains("broken.mandate:3:14: error: unknown jdbc operation 'selct'"), bad::describe);
        assertTrue(bad.stdout().contains("did you mean 'select'?"), bad::describe);

        MandateCommandLine.Outcome json = MandateCommandLine.run("policy", "check", "--json", broken.toString());
        assertEquals(1, json.exitCode(), json::describe);
        assertTrue(json.stdout().contains("\"ok\" : false") && json.stdout().contains("\"line\" : 3"), json::describe);

        MandateCommandLine.Outcome missing = MandateCommandLine.run("policy", "check", dir.resolve("none.mandate").toString());
        assertEquals(2, missing.exitCode(), missing::describe);
        assertEquals(1, missing.stderrLines().size(), missing::describe);
    }

    @Test
    void fmtPrintsTheCanonicalFormThatChecksClean(@TempDir Path dir) throws IOException {
        MandateCommandLine.Outcome fmt = MandateCommandLine.run("policy", "fmt", Policies.SUPPORT_DESK.toString());
        assertEquals(0, fmt.exitCode(), fmt::describe);
        assertTrue(fmt.stdout().startsWith("policy \"support-desk\"\ndefault deny\n"), fmt::describe);
        Path formatted = dir.resolve("formatted.mandate");
        Files.writeString(formatted, fmt.stdout());
        assertEquals(0, MandateCommandLine.run("policy", "check", formatted.toString()).exitCode());
    }

    @Test
    void testRunsTheCasesBesideThePolicyAndCountsThem(@TempDir Path dir) throws IOException {
        Path policy = dir.resolve("desk.mandate");
        Files.copy(Policies.SUPPORT_DESK, policy);
        Files.writeString(dir.resolve("desk.mandate.tests"), String.join("\n",
                "agent \"support-bot\"",
                "case \"customers are readable\"",
                "  call jdbc select customers",
                "  expect allow",
                "case \"payroll is readable (wrong on purpose)\"",
                "  call jdbc select salaries",
                "  expect allow", ""));
        MandateCommandLine.Outcome out = MandateCommandLine.run("policy", "test", policy.toString());
        assertEquals(1, out.exitCode(), out::describe);
        assertTrue(out.stdout().contains("payroll is readable"), out::describe);
        assertTrue(out.stdout().endsWith("1 passed, 1 failed\n"), out::describe);

        Path passing = dir.resolve("passing.tests");
        Files.writeString(passing, "agent \"support-bot\"\ncase \"customers\"\n  call jdbc select customers\n  expect allow\n");
        MandateCommandLine.Outcome green = MandateCommandLine.run("policy", "test", policy.toString(), passing.toString());
        assertEquals(0, green.exitCode(), green::describe);
        assertEquals("1 passed, 0 failed\n", green.stdout(), green::describe);
    }
}
