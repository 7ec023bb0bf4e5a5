package io.mandate.cli.control;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.mandate.cli.UsageException;
import io.mandate.control.ControlMessage;
import io.mandate.control.ControlProtocol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mandate policy reload PID [FILE]}: the file's text goes to the agent, which validates and
 * compiles it there (the agent's policy library decides, not the CLI's) and switches atomically.
 */
@Command(name = "reload", mixinStandardHelpOptions = true,
        description = {"Replace the policy of a running agent: FILE, or the file it runs now when omitted.",
                "The agent validates the policy first: with errors the running policy stays and the diagnostics are printed (exit 1); "
                        + "otherwise every call from then on is decided by the new policy (one atomic switch; limit counters carry over), "
                        + "journaled as policy.reload with both hashes.",
                "This may widen access: an agent started with operatorKey accepts it only signed (--operator-key).",
                "Exit 0 reloaded, 1 policy errors or refused, 2 usage or no agent in PID."})
public final class PolicyReloadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PID", description = "the JVM's process id")
    long pid;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FILE",
            description = "the policy file (text, or JSON when it ends in .json); default: the agent's current policy file")
    Path file;

    @Mixin
    ControlOptions control;

    @Override
    public Integer call() throws Exception {
        AgentChannel channel = control.channelTo(pid);
        Path policy = file != null ? file : currentPolicyFile(channel);
        if (!Files.isRegularFile(policy)) {
            throw new UsageException("no policy file at " + policy);
        }
        ControlMessage reply = channel.send(reloadCommand(channel, policy));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        printDiagnostics(reply, out, err);
        return Replies.report(reply, pid, out, err);
    }

    /** The reload command carrying the file's text; {@code mandate attach} sends it too when it reconfigures. */
    static ControlMessage.Builder reloadCommand(AgentChannel channel, Path policy) throws IOException {
        Path absolute = policy.toAbsolutePath().normalize();
        String text = Files.readString(absolute, StandardCharsets.UTF_8);
        return channel.command(ControlProtocol.RELOAD)
                .put(ControlProtocol.POLICY_NAME, absolute.getFileName().toString())
                .put(ControlProtocol.POLICY_PATH, absolute.toString())
                .put(ControlProtocol.POLICY_TEXT, text);
    }

    /** The agent's diagnostics of the policy: warnings on stdout with a reload, errors on stderr with a refusal. */
    static void printDiagnostics(ControlMessage reply, PrintWriter out, PrintWriter err) {
        String diagnostics = reply.get(ControlProtocol.DIAGNOSTICS);
        if (!diagnostics.isEmpty()) {
            (Replies.ok(reply) ? out : err).print(diagnostics.endsWith("\n") ? diagnostics : diagnostics + "\n");
        }
    }

    private Path currentPolicyFile(AgentChannel channel) {
        ControlMessage status = channel.send(channel.command(ControlProtocol.STATUS));
        String path = status.get("policyPath");
        if (path.isEmpty()) {
            throw new UsageException("the agent in process " + pid + " runs without a policy file; name one: "
                    + "mandate policy reload " + pid + " FILE");
        }
        return Path.of(path);
    }
}
