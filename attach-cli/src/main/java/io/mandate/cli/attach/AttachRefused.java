package io.mandate.cli.attach;

/**
 * The target JVM cannot take the agent, for a reason the operator must act on (another user's JVM,
 * no attach mechanism, the agent's start failed there): one line, exit 1.
 */
final class AttachRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AttachRefused(String message) {
        super(message);
    }
}
