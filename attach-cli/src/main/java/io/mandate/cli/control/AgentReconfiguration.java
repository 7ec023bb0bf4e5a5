package io.mandate.cli.control;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;

import io.mandate.cli.ExitCodes;
import io.mandate.control.ControlMessage;
import io.mandate.control.ControlProtocol;

/**
 * What {@code mandate attach} does to a JVM whose agent already runs: the policy and the mode it
 * was asked for are applied through the control channel, exactly as {@code mandate policy reload}
 * and {@code mandate mode} would (validated in the agent, journaled, signed when a key is given),
 * so attaching again is never a way around the operator key.
 */
public final class AgentReconfiguration {
    private AgentReconfiguration() {
    }

    /**
     * Applies what is non-null; prints each reply.
     *
     * @return exit 0 when everything was accepted, 1 when the agent refused something
     */
    public static int apply(AgentChannel channel, Path policy, String mode, PrintWriter out, PrintWriter err)
            throws IOException {
        int exit = ExitCodes.OK;
        if (policy != null) {
            ControlMessage reply = channel.send(PolicyReloadCommand.reloadCommand(channel, policy));
            PolicyReloadCommand.printDiagnostics(reply, out, err);
            exit = Math.max(exit, Replies.report(reply, channel.pid(), out, err));
        }
        if (mode != null) {
            ControlMessage reply = channel.send(ModeCommand.switchTo(channel, ModeCommand.Mode.valueOf(mode)));
            exit = Math.max(exit, Replies.report(reply, channel.pid(), out, err));
        }
        return exit;
    }

    /** The agent's status, or null when its socket does not answer within {@code timeout}. */
    public static ControlMessage statusOrNull(AgentChannel channel, Duration timeout) {
        try {
            ControlMessage status = channel.send(channel.command(ControlProtocol.STATUS), timeout);
            return Replies.ok(status) ? status : null;
        } catch (RuntimeException unreachable) {
            return null; // a stale socket file of a process that no longer serves it
        }
    }
}
