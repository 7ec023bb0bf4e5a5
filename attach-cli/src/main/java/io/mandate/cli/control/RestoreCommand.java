package io.mandate.cli.control;

import java.util.concurrent.Callable;

import io.mandate.control.ControlMessage;
import io.mandate.control.ControlProtocol;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mandate restore PID --chain ID | --agent ID}: lift a revocation (widens access: signed when the agent has an operator key). */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Lift the revocation of a chain or an agent identity in a running JVM.",
                "Restoring an agent also restores the chains revoked with it; a chain revoked on its own stays revoked. "
                        + "This widens access: an agent started with operatorKey accepts it only signed (--operator-key).",
                "Exit 0 restored, 1 refused by the agent, 2 usage or no agent in PID."})
public final class RestoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PID", description = "the JVM's process id")
    long pid;

    @ArgGroup(multiplicity = "1")
    ChainOrAgent target;

    @Mixin
    ControlOptions control;

    @Override
    public Integer call() {
        AgentChannel channel = control.channelTo(pid);
        ControlMessage reply = channel.send(channel.command(ControlProtocol.RESTORE)
                .put(ControlProtocol.CHAIN, target.chain == null ? "" : target.chain)
                .put(ControlProtocol.AGENT, target.agent == null ? "" : target.agent));
        return Replies.report(reply, pid, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
