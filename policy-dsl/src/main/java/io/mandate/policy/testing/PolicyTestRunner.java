package io.mandate.policy.testing;

import io.mandate.policy.CompiledPolicy;
import io.mandate.policy.Decision;
import io.mandate.policy.Diagnostic;
import io.mandate.policy.LimitCounters;
import io.mandate.policy.LoadResult;
import io.mandate.policy.PolicyLoader;
import io.mandate.policy.Request;
import io.mandate.policy.text.DiagnosticSink;
import io.mandate.policy.text.SourceText;
import io.mandate.policy.text.TestFileParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs policy test files: each case decides its call against the policy with fresh limit
 * counters and compares the last decision with the expectation. Usable from JUnit
 * ({@code assertTrue(report.passed(), report.summary())}) and from the CLI ({@code mandate policy test}).
 */
public final class PolicyTestRunner {
    /** The test file of {@code support.mandate} is {@code support.mandate.tests} beside it. */
    public static final String TEST_FILE_SUFFIX = ".tests";

    private PolicyTestRunner() {
    }

    /** Loads {@code policyFile} and runs the test file beside it. */
    public static PolicyTestReport runBeside(Path policyFile) {
        Path tests = policyFile.resolveSibling(policyFile.getFileName() + TEST_FILE_SUFFIX);
        LoadResult loaded = PolicyLoader.load(policyFile);
        if (!loaded.ok()) {
            return new PolicyTestReport(List.of(), loaded.diagnostics(), loaded.render());
        }
        return run(loaded.policy(), tests);
    }

    public static PolicyTestReport run(CompiledPolicy policy, Path testFile) {
        String name = testFile.getFileName() == null ? testFile.toString() : testFile.getFileName().toString();
        try {
            return run(policy, name, Files.readString(testFile, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            DiagnosticSink sink = new DiagnosticSink(name);
            sink.error(null, "cannot read test file " + testFile + ": " + e);
            return new PolicyTestReport(List.of(), sink.sorted(), DiagnosticSink.render(sink.sorted(), null));
        }
    }

    public static PolicyTestReport run(CompiledPolicy policy, String testFileName, String text) {
        DiagnosticSink sink = new DiagnosticSink(testFileName);
        List<PolicyTestCase> cases = TestFileParser.parse(text, sink);
        List<Diagnostic> problems = sink.sorted();
        String rendered = DiagnosticSink.render(problems, new SourceText(testFileName, text));
        List<PolicyTestResult> results = new ArrayList<>();
        for (PolicyTestCase c : cases) {
            results.add(runCase(policy, testFileName, c));
        }
        return new PolicyTestReport(results, problems, rendered);
    }

    public static PolicyTestResult runCase(CompiledPolicy policy, String testFileName, PolicyTestCase c) {
        LimitCounters counters = new LimitCounters();
        Request request = new Request();
        Decision decision = null;
        for (int i = 0; i < c.repeat(); i++) {
            fill(request, c);
            decision = policy.decide(request, counters);
        }
        if (decision.verdict().permits() && !c.consumeMetric().isEmpty()) {
            Decision over = policy.consume(request, c.consumeMetric(), c.consumeAmount(), counters);
            if (over != null) {
                decision = over;
            }
        }
        String location = testFileName + ":" + c.line();
        String mismatch = mismatch(c, decision);
        return new PolicyTestResult(c.name(), location, mismatch.isEmpty(), decision,
                mismatch.isEmpty() ? "" : "expected " + expectation(c) + ", got " + decision + " [" + mismatch + "]");
    }

    private static void fill(Request request, PolicyTestCase c) {
        PolicyTestCase.Context x = c.context();
        request.reset(c.kind()).agent(x.agent()).chain(x.chainId().isEmpty() && x.chainDepth() > 0 ? "test-chain" : x.chainId(),
                        x.chainId(), x.chainDepth(), x.purpose())
                .user(x.user()).step(x.stepId(), x.tool()).hourOfDay(x.hourOfDay()).trust(x.trust());
        for (PolicyTestCase.Access a : c.accesses()) {
            request.access(a.operation(), a.resource());
        }
    }

    private static String mismatch(PolicyTestCase c, Decision d) {
        List<String> wrong = new ArrayList<>();
        if (d.verdict() != c.expected()) {
            wrong.add("verdict");
        }
        if (!c.expectedRule().isEmpty() && !c.expectedRule().equals(d.ruleId())) {
            wrong.add("rule");
        }
        if (!c.expectedReason().isEmpty() && !d.reason().contains(c.expectedReason())) {
            wrong.add("reason");
        }
        return String.join(", ", wrong);
    }

    private static String expectation(PolicyTestCase c) {
        return c.expected() + (c.expectedRule().isEmpty() ? "" : " by " + c.expectedRule())
                + (c.expectedReason().isEmpty() ? "" : " with reason containing \"" + c.expectedReason() + "\"");
    }
}
