package io.mandate.cli.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import io.mandate.cli.UsageException;
import io.mandate.control.CommandSignature;
import io.mandate.control.ControlConnection;
import io.mandate.control.ControlMessage;
import io.mandate.control.ControlProtocol;
import io.mandate.control.ControlSockets;

/**
 * The CLI's end of the control channel to the agent in one JVM: finds its socket, stamps each
 * command with the target pid, a fresh nonce and the time (what makes a signed command usable
 * once, on that JVM only), signs it when an operator key is given, and returns the agent's reply.
 */
public final class AgentChannel {
    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30); // a detach retransforms classes: seconds on a busy host
    private static final SecureRandom NONCES = new SecureRandom();

    private final long pid;
    private final Path socket;
    private final PrivateKey operatorKey;

    private AgentChannel(long pid, Path socket, PrivateKey operatorKey) {
        this.pid = pid;
        this.socket = socket;
        this.operatorKey = operatorKey;
    }

    /**
     * The channel to the agent in {@code pid}.
     *
     * @throws NoAgentException when that JVM has no Mandate control socket
     */
    public static AgentChannel to(long pid, PrivateKey operatorKey) {
        return new AgentChannel(pid, locate(pid).orElseThrow(() -> new NoAgentException(pid, describeMissing(pid))),
                operatorKey);
    }

    /** The socket of {@code pid}'s agent when there is one in this user's socket directory. */
    public static Optional<Path> locate(long pid) {
        ControlSockets sockets = ControlSockets.forCurrentUser();
        Path candidate = sockets.socketOf(pid);
        return Files.exists(candidate) ? Optional.of(candidate) : Optional.empty();
    }

    private static String describeMissing(long pid) {
        if (ProcessHandle.of(pid).isEmpty()) {
            return "no process " + pid;
        }
        return "no Mandate agent in process " + pid + " (no control socket "
                + ControlSockets.forCurrentUser().socketOf(pid) + "; load one with: mandate attach " + pid + ")";
    }

    public long pid() {
        return pid;
    }

    /** A command to {@code pid} with its addressing and freshness fields filled in. */
    public ControlMessage.Builder command(String name) {
        byte[] nonce = new byte[16];
        NONCES.nextBytes(nonce);
        return ControlMessage.builder()
                .put(ControlProtocol.COMMAND, name)
                .put(ControlProtocol.TARGET_PID, pid)
                .put(ControlProtocol.NONCE, HexFormat.of().formatHex(nonce))
                .put(ControlProtocol.ISSUED_AT_MILLIS, System.currentTimeMillis())
                .put(ControlProtocol.SENDER_PID, ProcessHandle.current().pid());
    }

    /** Sends the command (signed when an operator key was given) and returns the reply. */
    public ControlMessage send(ControlMessage.Builder command) {
        return send(command, REPLY_TIMEOUT);
    }

    /** As {@link #send(ControlMessage.Builder)}, waiting at most {@code timeout} for the reply. */
    public ControlMessage send(ControlMessage.Builder command, Duration timeout) {
        ControlMessage message = command.build();
        if (operatorKey != null) {
            message = CommandSignature.sign(message, operatorKey);
        }
        try {
            ControlSockets.forCurrentUser().checkOwnedDirectory();
            try (ControlConnection connection = ControlConnection.open(socket)) {
                return connection.exchange(message, timeout);
            }
        } catch (IOException e) {
            if (ProcessHandle.of(pid).isEmpty()) {
                throw new NoAgentException(pid, "no process " + pid);
            }
            throw new UsageException("cannot reach the agent in process " + pid + " through " + socket + ": "
                    + e.getMessage());
        }
    }

    /** Nobody answers for that pid: a usage problem (exit 2), said in one line. */
    public static final class NoAgentException extends UsageException {
        private static final long serialVersionUID = 1L;
        private final long pid;

        NoAgentException(long pid, String message) {
            super(message);
            this.pid = pid;
        }

        public long pid() {
            return pid;
        }
    }
}
