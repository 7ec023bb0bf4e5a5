package io.mandate.agent.instrumentation;

/**
 * ModuleTransformerTest's fixture for a class first loaded after the transformer is installed: a
 * class of its own, as JUnit loads every nested class of a test class while it looks for tests.
 */
final class FirstLoadedAfterInstall {
    private FirstLoadedAfterInstall() {
    }

    static String greet() {
        return "plain";
    }
}
