package io.mandate.cli.attach;

/**
 * Whether the Java running the CLI has the attach API. A JDK has it (module {@code jdk.attach});
 * a bare runtime image may not, and then loading any attach class would fail with a linkage error.
 */
final class AttachApi {
    private AttachApi() {
    }

    /** @throws AttachRefused when this Java has no attach API */
    static void check() {
        if (ModuleLayer.boot().findModule("jdk.attach").isEmpty()) {
            throw new AttachRefused("the Java running mandate (" + System.getProperty("java.home") + ") has no attach "
                    + "API (module jdk.attach): run it with a full JDK, e.g. MANDATE_JAVA=/path/to/jdk/bin/java");
        }
    }
}
