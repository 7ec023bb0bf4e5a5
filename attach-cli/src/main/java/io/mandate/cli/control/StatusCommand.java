package io.mandate.cli.control;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mandate.cli.ExitCodes;
import io.mandate.control.ControlMessage;
import io.mandate.control.ControlProtocol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mandate status PID}: what the agent in a running JVM is doing. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show the agent of a running JVM: mode, policy (file and hash), calls decided per operation and verdict, "
                + "live chains, revocations.",
                "Exit 0, 2 usage or no agent in PID."})
public final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PID", description = "the JVM's process id")
    long pid;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Mixin
    ControlOptions control;

    @Override
    public Integer call() throws Exception {
        AgentChannel channel = control.channelTo(pid);
        ControlMessage reply = channel.send(channel.command(ControlProtocol.STATUS));
        PrintWriter out = spec.commandLine().getOut();
        if (!Replies.ok(reply)) {
            return Replies.report(reply, pid, out, spec.commandLine().getErr());
        }
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(toJson(reply)));
        } else {
            print(reply, out);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** One line: mode, policy, journal and agent identity, as {@code mandate attach} reports them. */
    public static String summary(ControlMessage status) {
        String hash = status.get("policyHash");
        return status.get("mode") + ", " + (hash.isEmpty() ? "no policy"
                : "policy \"" + status.get("policyName") + "\" " + hash.substring(0, Math.min(12, hash.length()))
                        + (status.get("policyPath").isEmpty() ? "" : " (" + status.get("policyPath") + ")"))
                + ", journal " + status.get("journal") + ", agent " + status.get("agent");
    }

    static void print(ControlMessage status, PrintWriter out) {
        out.printf("process %s: mandate %s, %s attach, started %s%n", status.get("pid"), status.get("version"),
                status.get("attach"), Instant.ofEpochMilli(Long.parseLong(status.get("startedAtMillis"))));
        out.printf("mode     %s (onError %s)%n", status.get("mode"), status.get("onError"));
        out.printf("policy   %s%n", status.get("policyHash").isEmpty() ? "none"
                : "\"" + status.get("policyName") + "\" " + status.get("policyHash").substring(0, 12) + "  "
                        + status.get("policyPath"));
        out.printf("agent    %s%n", status.get("agent"));
        out.printf("journal  %s%n", status.get("journal"));
        out.printf("control  %s; widening commands %s%n", status.get("socket"),
                Boolean.parseBoolean(status.get("operatorKey")) ? "must be signed with the operator key"
                        : "need no signature (no operator key configured)");
        Map<String, Map<String, String>> counts = counts(status);
        out.printf("calls    %s%n", counts.isEmpty() ? "none decided yet" : "");
        counts.forEach((operation, verdicts) -> out.printf("  %-24s ALLOW %-8s FLAG %-8s DENY %s%n", operation,
                verdicts.getOrDefault("ALLOW", "0"), verdicts.getOrDefault("FLAG", "0"), verdicts.getOrDefault("DENY", "0")));
        out.printf("  blocked %s%n", status.get("blocked"));
        List<String[]> chains = chains(status);
        out.printf("chains   %d live%s%n", chains.size(), "0".equals(status.get("untrackedChains")) ? ""
                : " (" + status.get("untrackedChains") + " more not tracked)");
        for (String[] chain : chains) {
            out.printf("  %s  agent %s%s depth %s%s%s%s%n", chain[0], chain[1],
                    chain[2].isEmpty() ? "" : " parent " + chain[2], chain[3],
                    chain[4].isEmpty() ? "" : " \"" + chain[4] + "\"", chain[5].isEmpty() ? "" : " user " + chain[5],
                    "true".equals(chain[6]) ? "  REVOKED" : "");
        }
        for (Map.Entry<String, String> field : status.fields().entrySet()) {
            if (field.getKey().startsWith(ControlProtocol.REVOKED_CHAIN_PREFIX)) {
                out.printf("revoked  chain %s%s%n", field.getKey().substring(ControlProtocol.REVOKED_CHAIN_PREFIX.length()),
                        field.getValue().isEmpty() ? "" : " (" + field.getValue() + ")");
            } else if (field.getKey().startsWith(ControlProtocol.REVOKED_AGENT_PREFIX)) {
                out.printf("revoked  agent %s%s%n", field.getKey().substring(ControlProtocol.REVOKED_AGENT_PREFIX.length()),
                        field.getValue().isEmpty() ? "" : ": " + field.getValue());
            }
        }
    }

    /** "jdbc select" → verdict → count. */
    private static Map<String, Map<String, String>> counts(ControlMessage status) {
        Map<String, Map<String, String>> counts = new TreeMap<>();
        status.fields().forEach((key, value) -> {
            if (key.startsWith(ControlProtocol.COUNT_PREFIX)) {
                String counter = key.substring(ControlProtocol.COUNT_PREFIX.length());
                int lastSpace = counter.lastIndexOf(' ');
                counts.computeIfAbsent(counter.substring(0, lastSpace), k -> new TreeMap<>())
                        .put(counter.substring(lastSpace + 1), value);
            }
        });
        return counts;
    }

    /** id, agent, parent, depth, purpose, user, revoked. */
    private static List<String[]> chains(ControlMessage status) {
        List<String[]> chains = new ArrayList<>();
        status.fields().forEach((key, value) -> {
            if (key.startsWith(ControlProtocol.LIVE_CHAIN_PREFIX)) {
                String[] parts = value.split("\t", -1);
                String[] chain = new String[7];
                chain[0] = key.substring(ControlProtocol.LIVE_CHAIN_PREFIX.length());
                for (int i = 0; i < 6; i++) {
                    chain[i + 1] = i < parts.length ? parts[i] : "";
                }
                chains.add(chain);
            }
        });
        chains.sort((a, b) -> a[0].compareTo(b[0]));
        return chains;
    }

    static ObjectNode toJson(ControlMessage status) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        for (String key : new String[] {"pid", "version", "attach", "startedAtMillis", "mode", "onError", "agent",
                "journal", "socket", "policyName", "policyHash", "policyPath", "blocked", "untrackedChains"}) {
            root.put(key, status.get(key));
        }
        root.put("operatorKey", Boolean.parseBoolean(status.get("operatorKey")));
        ArrayNode calls = root.putArray("calls");
        counts(status).forEach((operation, verdicts) -> verdicts.forEach((verdict, count) -> {
            ObjectNode counter = calls.addObject();
            int space = operation.indexOf(' ');
            counter.put("kind", operation.substring(0, space));
            counter.put("operation", operation.substring(space + 1));
            counter.put("verdict", verdict);
            counter.put("count", Long.parseLong(count));
        }));
        ArrayNode chains = root.putArray("chains");
        for (String[] chain : chains(status)) {
            ObjectNode node = chains.addObject();
            node.put("chainId", chain[0]);
            node.put("agent", chain[1]);
            node.put("parentChainId", chain[2]);
            node.put("depth", Integer.parseInt(chain[3]));
            node.put("purpose", chain[4]);
            node.put("user", chain[5]);
            node.put("revoked", Boolean.parseBoolean(chain[6]));
        }
        ObjectNode revokedChains = root.putObject("revokedChains");
        ObjectNode revokedAgents = root.putObject("revokedAgents");
        status.fields().forEach((key, value) -> {
            if (key.startsWith(ControlProtocol.REVOKED_CHAIN_PREFIX)) {
                revokedChains.put(key.substring(ControlProtocol.REVOKED_CHAIN_PREFIX.length()), value);
            } else if (key.startsWith(ControlProtocol.REVOKED_AGENT_PREFIX)) {
                revokedAgents.put(key.substring(ControlProtocol.REVOKED_AGENT_PREFIX.length()), value);
            }
        });
        return root;
    }
}
