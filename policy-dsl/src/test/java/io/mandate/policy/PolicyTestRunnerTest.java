package io.mandate.policy;

import io.mandate.policy.testing.PolicyTestReport;
import io.mandate.policy.testing.PolicyTestRunner;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyTestRunnerTest {
    private final CompiledPolicy policy = Policies.valid("policy \"p\"\nagent \"bot\" {\n  allow jdbc select on t\n}\n");

    @Test
    void aFailingCaseSaysWhatWasExpectedAndWhatCame() {
        PolicyTestReport report = PolicyTestRunner.run(policy, "p.mandate.tests",
                "agent \"bot\"\n\ncase \"reads t\"\n  call jdbc select t\n  expect allow\n\ncase \"wrong\"\n  call jdbc select u\n  expect allow rule \"x\"\n");
        assertFalse(report.passed());
        assertEquals(2, report.results().size());
        assertTrue(report.results().get(0).passed());
        assertEquals("expected ALLOW by x, got DENY by default (no rule matched: default deny) [verdict, rule]",
                report.results().get(1).message());
        assertEquals("p.mandate.tests:7", report.results().get(1).location());
        assertTrue(report.summary().endsWith("1 passed, 1 failed\n"), report.summary());
    }

    @Test
    void aBrokenTestFileIsReportedWithPositions() {
        PolicyTestReport report = PolicyTestRunner.run(policy, "p.mandate.tests",
                "case \"a\"\n  call jdbcc select t\n  expect allow\ncase \"b\"\n  call jdbc select t\n  expect alow\n");
        assertFalse(report.passed());
        assertEquals(2, report.problems().stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).count(), report.summary());
        assertTrue(report.summary().contains("p.mandate.tests:2:8: error: expected jdbc, http, net, file or process, found 'jdbcc'"), report.summary());
        assertTrue(report.summary().contains("did you mean 'allow'?"), report.summary());
    }

    @Test
    void anEmptyTestFileDoesNotPass() {
        assertFalse(PolicyTestRunner.run(policy, "p.mandate.tests", "# nothing\n").passed());
    }
}
