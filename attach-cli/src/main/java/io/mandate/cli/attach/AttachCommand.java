package io.mandate.cli.attach;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;

import io.mandate.cli.ExitCodes;
import io.mandate.cli.UsageException;
import io.mandate.cli.control.AgentChannel;
import io.mandate.cli.control.AgentReconfiguration;
import io.mandate.cli.control.ControlOptions;
import io.mandate.cli.control.ModeCommand;
import io.mandate.cli.control.StatusCommand;
import io.mandate.cli.policy.PolicyFiles;
import io.mandate.control.AgentProperties;
import io.mandate.control.ControlMessage;
import io.mandate.policy.LoadResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mandate attach PID}: loads the agent into a running JVM with the JDK's attach API. The
 * agent retransforms the classes already loaded, so calls made after the attach are decided even
 * on connections and clients created before it. A JVM whose agent already runs is reconfigured
 * through its control channel instead.
 */
@Command(name = "attach", mixinStandardHelpOptions = true,
        description = {"Load the Mandate agent into a running JVM of this user (dynamic attach), or reconfigure the agent already in it.",
                "Classes already loaded (JDBC drivers with open connections, HTTP clients, file and socket classes) are retransformed: "
                        + "every call made after the attach is decided, also on objects created before it.",
                "When the agent already runs there, --policy and --mode are applied through its control channel "
                        + "(as mandate policy reload and mandate mode; signed with --operator-key when the agent has an operator key); "
                        + "journal, agent identity and other keys of a running agent do not change.",
                "Exit 0 attached or reconfigured, 1 refused (another user's JVM, no attach mechanism, the agent did not start, "
                        + "a policy with errors), 2 usage or no such process."})
public final class AttachCommand implements Callable<Integer> {
    /** How long the agent may take to open its control channel after agentmain returned. */
    private static final Duration CHANNEL_WAIT = Duration.ofSeconds(15);
    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(10);

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PID", description = "the JVM's process id")
    long pid;

    @Option(names = "--policy", paramLabel = "FILE", description = "the policy file; checked here before anything is loaded")
    Path policy;

    @Option(names = "--mode", paramLabel = "MODE", description = "enforce or audit (the agent's default: audit)")
    ModeCommand.Mode mode;

    @Option(names = "--journal", paramLabel = "DIR", description = "the journal directory (default: ./mandate-journal of the target)")
    Path journal;

    @Option(names = "--agent", paramLabel = "ID", description = "the identity of calls made outside any chain (default: the target's main class)")
    String agent;

    @Option(names = "--option", paramLabel = "KEY=VALUE",
            description = "any other agent key (onError, operatorKey, journalRoll, control, …; see docs/configuration.md); repeatable")
    List<String> options = new ArrayList<>();

    @Option(names = "--agent-jar", paramLabel = "JAR",
            description = "the mandate-agent.jar to load; default: $" + AgentJar.ENVIRONMENT + ", else the one beside this CLI")
    Path agentJar;

    @Mixin
    ControlOptions control;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (pid <= 0) {
            throw new UsageException("not a process id: " + pid);
        }
        AgentArguments arguments = new AgentArguments()
                .path("policy", policy)
                .put("mode", mode == null ? null : mode.name())
                .path("journal", journal)
                .put("agent", agent)
                .options(options);
        if (policy != null && !policyLoads(policy, err)) {
            return ExitCodes.FINDINGS;
        }
        try {
            String owner = ProcessOwner.of(pid).orElseThrow(() -> new UsageException("no process " + pid));
            String refusal = ProcessOwner.refusal(pid, owner);
            if (refusal != null) {
                throw new AttachRefused(refusal);
            }
            Optional<AgentChannel> running = runningAgent();
            if (running.isPresent()) {
                return reconfigure(running.get(), arguments, out, err);
            }
            return attach(arguments, started, out, err);
        } catch (AttachRefused e) {
            err.println("mandate: " + e.getMessage());
            err.flush();
            return ExitCodes.FINDINGS;
        }
    }

    private int attach(AgentArguments arguments, long started, PrintWriter out, PrintWriter err) {
        Path jar = AgentJar.locate(agentJar);
        AttachApi.check();
        if (!LocalJvms.looksLikeJvm(pid)) {
            // the attach handshake would wait 10 s for an answer that cannot come
            throw new AttachRefused("process " + pid + ProcessHandle.of(pid).flatMap(p -> p.info().command())
                    .map(command -> " (" + command + ")").orElse("") + " is not a JVM this user can attach to");
        }
        try (AttachableJvm jvm = AttachableJvm.attach(pid)) {
            Properties system = jvm.systemProperties();
            int feature = JavaFeature.of(system.getProperty("java.specification.version", ""));
            if (feature < 17) {
                throw new AttachRefused("process " + pid + " runs Java " + system.getProperty("java.version")
                        + "; the agent needs Java 17 or later");
            }
            String state = system.getProperty(AgentProperties.STATE, "");
            if (state.startsWith(AgentProperties.DETACHED)) {
                throw new AttachRefused("the agent was detached from process " + pid
                        + " and cannot be loaded into the same JVM again; restart the JVM to run it under Mandate");
            }
            if (state.startsWith(AgentProperties.RUNNING)) {
                throw new AttachRefused("the agent already runs in process " + pid + " without a control channel "
                        + "(control=off): it cannot be reconfigured from outside");
            }
            String note = DynamicAgentWarning.noteFor(pid, system, jvm.agentProperties());
            if (note != null) {
                err.println("mandate: note: " + note);
                err.flush();
            }
            jvm.loadAgent(jar, arguments.toString());
            Properties after = jvm.systemProperties();
            String failure = after.getProperty(AgentProperties.START_FAILURE);
            if (failure != null) {
                throw new AttachRefused("the agent did not start in process " + pid + ": "
                        + failure.replaceFirst("^mandate: ", ""));
            }
            if (!after.getProperty(AgentProperties.STATE, "").startsWith(AgentProperties.RUNNING)) {
                throw new AttachRefused("the agent did not start in process " + pid + "; that process's stderr says why");
            }
        }
        if ("off".equals(arguments.get("control"))) {
            out.printf("attached to process %d in %d ms (control=off: it cannot be controlled from outside)%n", pid,
                    millisSince(started));
            out.flush();
            return ExitCodes.OK;
        }
        ControlMessage status = awaitStatus();
        out.printf("attached to process %d in %d ms: %s%n", pid, millisSince(started), StatusCommand.summary(status));
        out.flush();
        return ExitCodes.OK;
    }

    private int reconfigure(AgentChannel channel, AgentArguments arguments, PrintWriter out, PrintWriter err)
            throws Exception {
        List<String> unchanged = new ArrayList<>();
        for (String key : new String[] {"journal", "agent"}) {
            if (arguments.has(key)) {
                unchanged.add(key);
            }
        }
        if (!options.isEmpty()) {
            unchanged.add("--option");
        }
        if (!unchanged.isEmpty()) {
            err.println("mandate: note: the agent already runs in process " + pid + " and keeps its settings but policy "
                    + "and mode; ignored: " + String.join(", ", unchanged));
        }
        out.println("the agent already runs in process " + pid + (policy == null && mode == null ? "" : "; reconfiguring"));
        out.flush();
        int exit = AgentReconfiguration.apply(channel, policy, mode == null ? null : mode.name(), out, err);
        ControlMessage status = AgentReconfiguration.statusOrNull(channel, STATUS_TIMEOUT);
        if (status != null) {
            out.println("process " + pid + ": " + StatusCommand.summary(status));
        }
        out.flush();
        err.flush();
        return exit;
    }

    /** The channel of an agent that answers in {@code pid} now, if any. */
    private Optional<AgentChannel> runningAgent() {
        if (AgentChannel.locate(pid).isEmpty()) {
            return Optional.empty();
        }
        AgentChannel channel = control.channelTo(pid);
        return AgentReconfiguration.statusOrNull(channel, STATUS_TIMEOUT) == null ? Optional.empty() : Optional.of(channel);
    }

    /** The agent opens its channel on a thread of its own, just after agentmain returned. */
    private ControlMessage awaitStatus() {
        long deadline = System.nanoTime() + CHANNEL_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (AgentChannel.locate(pid).isPresent()) {
                ControlMessage status = AgentReconfiguration.statusOrNull(control.channelTo(pid), STATUS_TIMEOUT);
                if (status != null) {
                    return status;
                }
            }
            sleepBriefly();
        }
        throw new AttachRefused("the agent started in process " + pid + " but its control channel did not open within "
                + CHANNEL_WAIT.toSeconds() + " s; that process's stderr says why");
    }

    private static boolean policyLoads(Path policy, PrintWriter err) {
        LoadResult result = PolicyFiles.load(policy);
        if (result.ok()) {
            return true;
        }
        err.print(result.render());
        err.println("mandate: " + policy + " has errors; nothing was attached");
        err.flush();
        return false;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000L;
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AttachRefused("interrupted while waiting for the agent");
        }
    }
}
