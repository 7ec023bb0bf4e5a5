package io.mandate.cli.control;

import java.util.concurrent.Callable;

import io.mandate.control.ControlMessage;
import io.mandate.control.ControlProtocol;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mandate revoke PID --chain ID | --agent ID}: deny a chain (and its delegates) or an agent identity from its next call. */
@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = {"Revoke a reasoning chain, and every chain it delegated to, or an agent identity, in a running JVM.",
                "From their next call on, their calls are denied, in enforce and audit mode alike; calls in flight finish. "
                        + "Journaled (chain.revoke, control.command).",
                "Exit 0 revoked, 1 refused by the agent, 2 usage or no agent in PID."})
public final class RevokeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PID", description = "the JVM's process id")
    long pid;

    @ArgGroup(multiplicity = "1")
    ChainOrAgent target;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why, for the journal")
    String reason = "";

    @Mixin
    ControlOptions control;

    @Override
    public Integer call() {
        AgentChannel channel = control.channelTo(pid);
        ControlMessage reply = channel.send(channel.command(ControlProtocol.REVOKE)
                .put(ControlProtocol.CHAIN, target.chain == null ? "" : target.chain)
                .put(ControlProtocol.AGENT, target.agent == null ? "" : target.agent)
                .put(ControlProtocol.REASON, reason));
        return Replies.report(reply, pid, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
