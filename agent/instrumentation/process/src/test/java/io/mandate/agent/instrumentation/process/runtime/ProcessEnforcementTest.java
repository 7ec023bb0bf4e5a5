package io.mandate.agent.instrumentation.process.runtime;

import io.mandate.agent.testing.RecordingEnforcer;

import io.mandate.agent.enforcement.IoPolicyDenial;
import io.mandate.api.PolicyDenial;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessEnforcementTest {
    private static final String POLICY = String.join("\n",
            "policy \"p\"",
            "agent \"*\" {",
            "  allow process exec \"echo\"",
            "  deny process exec \"curl\" reason \"no network tools\"",
            "}");

    private final RecordingEnforcer enforcer = new RecordingEnforcer(POLICY);
    private final List<String> reported = new ArrayList<>();
    private final ProcessEnforcement enforcement = new ProcessEnforcement(enforcer, new CommandLineDisplay()::display,
            (where, error) -> reported.add(where));

    @Test
    void deniedLaunchIsAnIOExceptionNamingTheRuleAndIsJournaledAsBlocked() {
        Object call = enforcement.beforeStart(List.of("/usr/bin/curl", "-H", "Authorization: Bearer s3cr3t"));

        IoPolicyDenial denial = assertInstanceOf(IoPolicyDenial.class, call);
        assertInstanceOf(IOException.class, denial);
        assertInstanceOf(PolicyDenial.class, denial);
        assertEquals("test.mandate:4", denial.ruleId());
        assertEquals("no network tools", denial.reason());
        assertEquals("Mandate denied process exec of /usr/bin/curl by rule test.mandate:4: no network tools",
                denial.getMessage());
        assertFalse(denial.getStackTrace().length > 0
                && denial.getStackTrace()[0].getClassName().startsWith("io.mandate.agent."),
                "the trace starts past the agent's frames");

        RecordingEnforcer.Recorded record = enforcer.records.get(0);
        assertEquals(List.of("exec /usr/bin/curl"), record.accesses());
        assertTrue(record.blocked());
        assertEquals("DENY", record.verdict());
        assertFalse(record.display().contains("s3cr3t"), record.display());
        assertTrue(record.display().startsWith("/usr/bin/curl -H <arg:"), record.display());
    }

    @Test
    void allowedLaunchIsJournaledWhenItHasStarted() {
        Object call = enforcement.beforeStart(Arrays.asList("echo", "hello"));
        assertFalse(call instanceof Throwable);
        assertTrue(enforcer.records.isEmpty(), "nothing is journaled before the launch is over");

        IOException failure = new IOException("boom");
        enforcement.afterStart(call, failure);
        RecordingEnforcer.Recorded record = enforcer.records.get(0);
        assertEquals("ALLOW", record.verdict());
        assertFalse(record.blocked());
        assertEquals("exec", record.operation());
        assertEquals(failure, record.error());
    }

    @Test
    void commandsTheJdkRefusesAreLeftToIt() {
        assertNull(enforcement.beforeStart(List.of()));
        assertNull(enforcement.beforeStart(Arrays.asList("echo", null)));
        assertTrue(enforcer.records.isEmpty());
        assertTrue(reported.isEmpty());
    }

    @Test
    void aBrokenCommandLineDisplayStillDecides() {
        ProcessEnforcement broken = new ProcessEnforcement(enforcer, command -> {
            throw new IllegalStateException("display bug");
        }, (where, error) -> reported.add(where));

        assertInstanceOf(IoPolicyDenial.class, broken.beforeStart(List.of("curl", "x")));
        assertEquals(List.of("process.display"), reported);
        assertEquals("curl (arguments not shown: internal error)", enforcer.records.get(0).display());
    }
}
