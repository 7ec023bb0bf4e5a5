package io.mandate.cli.attach;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mandate.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mandate ps}: the JVMs this user may attach to, and which of them run Mandate. */
@Command(name = "ps", mixinStandardHelpOptions = true,
        description = {"List the JVMs of this user on this host: pid, main class (or jar), whether the Mandate agent runs "
                + "in it, its mode and policy hash.",
                "An agent is found through its control socket; one started with control=off shows as not running Mandate.",
                "Exit 0."})
public final class PsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "one JSON object per JVM, one per line")
    boolean json;

    @Override
    public Integer call() throws Exception {
        AttachApi.check();
        List<LocalJvm> jvms = LocalJvms.list();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            for (LocalJvm jvm : jvms) {
                out.println(mapper.writeValueAsString(toJson(mapper, jvm)));
            }
        } else {
            out.printf("%-8s %-8s %-8s %-32s %s%n", "PID", "MANDATE", "MODE", "POLICY", "MAIN");
            for (LocalJvm jvm : jvms) {
                LocalJvm.Agent agent = jvm.agent();
                out.printf("%-8d %-8s %-8s %-32s %s%n", jvm.pid(), agent == null ? "no" : "yes",
                        agent == null ? "-" : agent.mode(), agent == null ? "-" : policy(agent), jvm.mainClass());
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String policy(LocalJvm.Agent agent) {
        if (agent.policyHash().isEmpty()) {
            return agent.mode().equals("?") ? "? (no answer)" : "none";
        }
        return agent.policyName() + " " + agent.policyHash().substring(0, Math.min(12, agent.policyHash().length()));
    }

    private static ObjectNode toJson(ObjectMapper mapper, LocalJvm jvm) {
        ObjectNode node = mapper.createObjectNode();
        node.put("pid", jvm.pid());
        node.put("mainClass", jvm.mainClass());
        node.put("mandate", jvm.hasAgent());
        if (jvm.hasAgent()) {
            node.put("mode", jvm.agent().mode());
            node.put("policyName", jvm.agent().policyName());
            node.put("policyHash", jvm.agent().policyHash());
            node.put("version", jvm.agent().version());
        }
        return node;
    }
}
