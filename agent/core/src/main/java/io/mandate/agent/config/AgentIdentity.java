package io.mandate.agent.config;

/**
 * The default agent identity: what the JVM runs, as {@code sun.java.command} names it. A main class
 * gives its simple name ({@code com.acme.SupportBot} → {@code SupportBot}), an executable jar its
 * base name ({@code /opt/bots/support-bot.jar} → {@code support-bot}).
 */
final class AgentIdentity {
    static final String UNKNOWN = "java";

    private AgentIdentity() {
    }

    static String fromJavaCommand(String javaCommand) {
        if (javaCommand == null || javaCommand.isBlank()) {
            return UNKNOWN;
        }
        String launched = javaCommand.trim().split("\\s+", 2)[0];
        if (launched.endsWith(".jar")) {
            int slash = Math.max(launched.lastIndexOf('/'), launched.lastIndexOf('\\'));
            String base = launched.substring(slash + 1, launched.length() - ".jar".length());
            return base.isEmpty() ? UNKNOWN : base;
        }
        if (launched.endsWith(".java")) { // the source-file launcher
            int slash = Math.max(launched.lastIndexOf('/'), launched.lastIndexOf('\\'));
            return launched.substring(slash + 1, launched.length() - ".java".length());
        }
        String simple = launched.substring(launched.lastIndexOf('.') + 1);
        int module = simple.lastIndexOf('/'); // module/main.Class form
        simple = simple.substring(module + 1);
        return simple.isEmpty() ? UNKNOWN : simple;
    }
}
