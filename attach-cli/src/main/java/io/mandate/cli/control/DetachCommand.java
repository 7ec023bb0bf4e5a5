package io.mandate.cli.control;

import java.util.concurrent.Callable;

import io.mandate.control.ControlMessage;
import io.mandate.control.ControlProtocol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mandate detach PID}: the agent leaves the running JVM. */
@Command(name = "detach", mixinStandardHelpOptions = true,
        description = {"Take the agent out of a running JVM: stop deciding, restore the original bytecode, "
                + "journal agent.detach, flush and close the journal. The application keeps running; its calls pass undecided.",
                "This widens access: an agent started with operatorKey accepts it only signed (--operator-key).",
                "Exit 0 detached, 1 refused by the agent, 2 usage or no agent in PID."})
public final class DetachCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PID", description = "the JVM's process id")
    long pid;

    @Mixin
    ControlOptions control;

    @Override
    public Integer call() {
        AgentChannel channel = control.channelTo(pid);
        ControlMessage reply = channel.send(channel.command(ControlProtocol.DETACH));
        return Replies.report(reply, pid, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
