package io.mandate.policy;

import io.mandate.policy.testing.PolicyTestReport;
import io.mandate.policy.testing.PolicyTestRunner;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The example policy of the issue loads cleanly and passes every case of its test file. */
class ExamplePolicyTest {
    static Path example() {
        try {
            return Path.of(ExamplePolicyTest.class.getResource("/examples/support.mandate").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void loadsWithoutDiagnostics() {
        LoadResult result = PolicyLoader.load(example());
        assertTrue(result.ok(), result.render());
        assertEquals("", result.render());
        assertEquals("support-desk", result.policy().name());
        assertEquals(64, result.policy().hash().length());
    }

    @Test
    void passesItsTestFile() {
        PolicyTestReport report = PolicyTestRunner.runBeside(example());
        assertTrue(report.passed(), report.summary());
        assertTrue(report.results().size() >= 40, report.summary());
    }
}
