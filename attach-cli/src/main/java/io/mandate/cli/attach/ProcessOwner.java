package io.mandate.cli.attach;

import java.util.Optional;

/**
 * Whose a process is. Only the JVM's own OS user may attach to it: the JDK's attach handshake
 * checks that in the target, and the control channel only answers its own user too, so a root
 * operator is told to switch user instead of getting an agent it cannot control.
 */
final class ProcessOwner {
    private ProcessOwner() {
    }

    /** The OS user running {@code pid}, when the process exists and its owner can be read. */
    static Optional<String> of(long pid) {
        return ProcessHandle.of(pid).flatMap(process -> process.info().user());
    }

    static String currentUser() {
        return System.getProperty("user.name", "");
    }

    /** Null when this user may attach to a process owned by {@code owner}, else the one line saying why not. */
    static String refusal(long pid, String owner) {
        if (owner.equals(currentUser())) {
            return null;
        }
        return "process " + pid + " belongs to user " + owner + ", not to " + currentUser()
                + "; only its own user may attach to it and control its agent: run as " + owner
                + " (e.g. sudo -u " + owner + " mandate attach " + pid + ")";
    }
}
