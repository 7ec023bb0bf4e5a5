package io.mandate.policy.testing;

import io.mandate.policy.Decision;

/** The outcome of one case; {@code message} says what was expected and what came, on failure. */
public record PolicyTestResult(String name, String location, boolean passed, Decision actual, String message) {
    @Override
    public String toString() {
        return (passed ? "PASS " : "FAIL ") + location + " " + name + (passed ? "" : ": " + message);
    }
}
