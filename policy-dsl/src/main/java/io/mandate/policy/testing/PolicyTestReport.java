package io.mandate.policy.testing;

import io.mandate.policy.Diagnostic;

import java.util.List;

/**
 * The outcome of a test file: each case's result, and the problems that kept cases from running
 * (a test file or policy that does not load). It passes only when both are clean and there is a case.
 */
public record PolicyTestReport(List<PolicyTestResult> results, List<Diagnostic> problems, String renderedProblems) {
    public PolicyTestReport {
        results = List.copyOf(results);
        problems = List.copyOf(problems);
    }

    public boolean passed() {
        return problems.stream().noneMatch(d -> d.severity() == Diagnostic.Severity.ERROR)
                && !results.isEmpty() && results.stream().allMatch(PolicyTestResult::passed);
    }

    public long failedCount() {
        return results.stream().filter(r -> !r.passed()).count();
    }

    /** Every failure and problem, then "N passed, N failed". */
    public String summary() {
        StringBuilder s = new StringBuilder(renderedProblems);
        for (PolicyTestResult r : results) {
            if (!r.passed()) {
                s.append(r).append('\n');
            }
        }
        long failed = failedCount();
        return s.append(results.size() - failed).append(" passed, ").append(failed).append(" failed\n").toString();
    }
}
