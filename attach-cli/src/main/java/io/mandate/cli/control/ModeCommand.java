package io.mandate.cli.control;

import java.util.concurrent.Callable;

import io.mandate.control.ControlMessage;
import io.mandate.control.ControlProtocol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mandate mode PID enforce|audit}: switch a running agent's mode. */
@Command(name = "mode", mixinStandardHelpOptions = true,
        description = {"Switch the mode of a running agent: enforce stops the calls the policy denies, audit only journals them.",
                "Every call from then on is decided in the new mode; journaled as mode.change. Revoked chains stay denied in both modes.",
                "Switching to audit widens access: an agent started with operatorKey accepts it only signed (--operator-key).",
                "Exit 0 switched (or already in that mode), 1 refused by the agent, 2 usage or no agent in PID."})
public final class ModeCommand implements Callable<Integer> {
    /** The two modes, as the agent's {@code mode} key spells them. */
    public enum Mode { enforce, audit }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PID", description = "the JVM's process id")
    long pid;

    @Parameters(index = "1", paramLabel = "MODE", description = "enforce or audit")
    Mode mode;

    @Mixin
    ControlOptions control;

    @Override
    public Integer call() {
        AgentChannel channel = control.channelTo(pid);
        ControlMessage reply = channel.send(switchTo(channel, mode));
        return Replies.report(reply, pid, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** The mode command to the channel's agent; {@code mandate attach} sends it too when it reconfigures. */
    static ControlMessage.Builder switchTo(AgentChannel channel, Mode mode) {
        return channel.command(ControlProtocol.MODE).put(ControlProtocol.MODE_VALUE, mode.name());
    }
}
