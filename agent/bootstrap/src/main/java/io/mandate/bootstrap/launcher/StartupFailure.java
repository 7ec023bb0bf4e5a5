package io.mandate.bootstrap.launcher;

/**
 * Stops the agent's start with a message meant for a person (a configuration error with the valid
 * choices, a policy's rendered diagnostics). The launcher prints the message as it is, the cause's
 * stack trace only with {@code -Dmandate.debug=true}, and then ends a JVM started with
 * {@code -javaagent} before {@code main} runs.
 *
 * Lives in the bootstrap bridge so the core (another class loader) can throw a type the launcher knows.
 */
public final class StartupFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public StartupFailure(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public StartupFailure(String message, int exitCode) {
        this(message, exitCode, null);
    }

    /** The JVM's exit status when the agent was started with {@code -javaagent}. */
    public int exitCode() {
        return exitCode;
    }
}
