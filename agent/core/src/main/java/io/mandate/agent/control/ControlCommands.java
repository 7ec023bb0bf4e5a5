package io.mandate.agent.control;

import io.mandate.agent.config.Mode;
import io.mandate.agent.enforcement.PolicyEnforcer;
import io.mandate.agent.enforcement.RevocationRegistry;
import io.mandate.agent.journal.Journal;
import io.mandate.agent.journal.ProcessId;
import io.mandate.bootstrap.ChainContext;
import io.mandate.control.CommandSignature;
import io.mandate.control.ControlMessage;
import io.mandate.control.ControlProtocol;
import io.mandate.policy.CompiledPolicy;
import io.mandate.policy.LoadResult;
import io.mandate.policy.PolicyLoader;

import java.security.PublicKey;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Decides whether a command may run, runs it, and journals it: every command, accepted or not, is
 * one {@code control.command} event naming the sender (OS user from the socket, claimed pid), the
 * command and its arguments, whether it was signed, and the outcome.
 *
 * Who may: only the JVM's own OS user. Commands that widen what the application may do (policy
 * reload, restore, mode audit, detach) must carry a valid signature by the operator key when the
 * agent was started with one; a signature, when present, must be valid and fresh for any command.
 */
public final class ControlCommands {
    /** What the server does with a handled command. */
    static final class Handled {
        final ControlMessage reply;
        /** True when the channel must close once the reply is sent (detach). */
        final boolean stopServer;

        Handled(ControlMessage reply, boolean stopServer) {
            this.reply = reply;
            this.stopServer = stopServer;
        }
    }

    private final PolicyEnforcer enforcer;
    private final RevocationRegistry revocations;
    private final LiveChains chains;
    private final Journal journal;
    private final AgentFacts facts;
    private final boolean operatorKeyConfigured; // false: unsigned commands are enough
    private volatile PublicKey operatorKey; // derived on the control thread; null until then or when underivable
    private final Detacher detacher;
    private final long pid;
    private final LongSupplier clockMillis;
    private final ReplayGuard replays = new ReplayGuard();
    private volatile String policyPath;
    private volatile String socketPath = "";

    public ControlCommands(PolicyEnforcer enforcer, RevocationRegistry revocations, LiveChains chains, Journal journal,
                           AgentFacts facts, boolean operatorKeyConfigured, Detacher detacher, String policyPath) {
        this(enforcer, revocations, chains, journal, facts, operatorKeyConfigured, detacher, policyPath,
                ProcessId.current(), System::currentTimeMillis);
    }

    ControlCommands(PolicyEnforcer enforcer, RevocationRegistry revocations, LiveChains chains, Journal journal,
                    AgentFacts facts, boolean operatorKeyConfigured, Detacher detacher, String policyPath, long pid,
                    LongSupplier clockMillis) {
        this.enforcer = enforcer;
        this.revocations = revocations;
        this.chains = chains;
        this.journal = journal;
        this.facts = facts;
        this.operatorKeyConfigured = operatorKeyConfigured;
        this.detacher = detacher;
        this.policyPath = policyPath == null ? "" : policyPath;
        this.pid = pid;
        this.clockMillis = clockMillis;
    }

    void socketPath(String path) {
        socketPath = path;
    }

    /** The key signed commands are checked with; until it is set, signed commands are refused. */
    void operatorKey(PublicKey key) {
        operatorKey = key;
    }

    Handled handle(ControlMessage request, Peer peer) {
        String command = request.get(ControlProtocol.COMMAND);
        Map<String, String> event = commandEvent(request, peer);
        String signature = "unsigned";
        try {
            if (!peer.sameUserAsAgent) {
                return rejected(event, "only the JVM's own OS user may control its agent; " + peer.user + " may not");
            }
            if (!request.get(ControlProtocol.TARGET_PID).equals(Long.toString(pid))) {
                return rejected(event, "the command is addressed to pid " + request.get(ControlProtocol.TARGET_PID)
                        + ", this JVM is " + pid);
            }
            if (request.has(ControlProtocol.SIGNATURE) && operatorKeyConfigured) {
                PublicKey key = operatorKey;
                if (key == null) {
                    event.put("signed", "unverifiable");
                    return rejected(event, "the agent could not derive the operator's public key from its operatorKey "
                            + "file; signed commands cannot be checked (see the agent's internal errors)");
                }
                if (!CommandSignature.verify(request, key)) {
                    event.put("signed", "invalid");
                    return rejected(event, "the signature is not the operator key's over this command");
                }
                String replay = replays.admit(request.get(ControlProtocol.NONCE), parseLong(request.get(
                        ControlProtocol.ISSUED_AT_MILLIS)), clockMillis.getAsLong());
                if (replay != null) {
                    event.put("signed", "replayed");
                    return rejected(event, replay);
                }
                signature = "operator";
            }
            event.put("signed", signature);
            if (operatorKeyConfigured && widens(command, request) && !signature.equals("operator")) {
                return rejected(event, command + " widens what the application may do and this agent was started "
                        + "with an operator key: sign the command with it (--operator-key FILE)");
            }
            return run(command, request, event);
        } catch (RuntimeException | LinkageError e) {
            event.put("outcome", "failed");
            event.put("message", e.toString());
            journalCommand(event);
            return new Handled(failure("the agent failed to run " + command + ": " + e), false);
        }
    }

    private Handled run(String command, ControlMessage request, Map<String, String> event) {
        switch (command) {
            case ControlProtocol.STATUS:
                return accepted(event, status(), false);
            case ControlProtocol.RELOAD:
                return reload(request, event);
            case ControlProtocol.REVOKE:
                return revoke(request, event);
            case ControlProtocol.RESTORE:
                return restore(request, event);
            case ControlProtocol.MODE:
                return mode(request, event);
            case ControlProtocol.DETACH:
                // journaled before the journal closes; the reply says what detaching did
                event.put("outcome", "accepted");
                journalCommand(event);
                String summary = detacher.detach();
                return new Handled(success(summary).build(), true);
            default:
                return rejected(event, "unknown command '" + command + "'");
        }
    }

    private static boolean widens(String command, ControlMessage request) {
        return ControlProtocol.ALWAYS_WIDENING.contains(command)
                || command.equals(ControlProtocol.MODE) && !request.get(ControlProtocol.MODE_VALUE).equals(Mode.ENFORCE.keyword());
    }

    private Handled reload(ControlMessage request, Map<String, String> event) {
        String name = request.get(ControlProtocol.POLICY_NAME);
        String text = request.get(ControlProtocol.POLICY_TEXT);
        if (name.isEmpty()) {
            return rejected(event, "no policy name");
        }
        LoadResult result = name.endsWith(".json") ? PolicyLoader.parseJson(name, text) : PolicyLoader.parse(name, text);
        if (!result.ok()) {
            event.put("diagnostics", result.render());
            Handled handled = rejected(event, "the policy has errors; the running policy stays");
            return new Handled(handled.reply.toBuilder().put(ControlProtocol.DIAGNOSTICS, result.render()).build(), false);
        }
        CompiledPolicy previous = enforcer.policy();
        CompiledPolicy next = result.policy();
        String previousPath = policyPath;
        String path = request.get(ControlProtocol.POLICY_PATH);
        enforcer.replacePolicy(next); // one volatile write: every call after it sees the whole new policy
        policyPath = path;
        Map<String, String> reload = new HashMap<>();
        reload.put("name", next.name());
        reload.put("hash", next.hash());
        reload.put("source", path);
        reload.put("previousName", previous == null ? "" : previous.name());
        reload.put("previousHash", previous == null ? "" : previous.hash());
        reload.put("previousSource", previousPath);
        journal.recordLifecycle("policy.reload", reload);
        event.put("policyHash", next.hash());
        event.put("previousPolicyHash", previous == null ? "" : previous.hash());
        return accepted(event, success("policy \"" + next.name() + "\" " + shortHash(next.hash()) + " replaces "
                + (previous == null ? "no policy" : "\"" + previous.name() + "\" " + shortHash(previous.hash())))
                .put("policyHash", next.hash()).put("previousPolicyHash", previous == null ? "" : previous.hash())
                .put(ControlProtocol.DIAGNOSTICS, result.diagnostics().isEmpty() ? "" : result.render()), false);
    }

    private Handled revoke(ControlMessage request, Map<String, String> event) {
        String chain = request.get(ControlProtocol.CHAIN);
        String agent = request.get(ControlProtocol.AGENT);
        String reason = request.get(ControlProtocol.REASON).isEmpty() ? "revoked by an operator"
                : request.get(ControlProtocol.REASON);
        if (chain.isEmpty() == agent.isEmpty()) {
            return rejected(event, "name either a chain or an agent");
        }
        if (!chain.isEmpty()) {
            boolean added = revocations.revoke(chain, reason);
            return accepted(event, success("chain " + chain + (added ? " revoked" : " was already revoked")
                    + ": it and every chain it delegated to are denied from their next call"), false);
        }
        boolean added = revocations.revokeAgent(agent, reason, chains.openChainsOf(agent));
        return accepted(event, success("agent " + agent + (added ? " revoked" : " was already revoked")
                + ": its calls and every chain it delegated to are denied from their next call"), false);
    }

    private Handled restore(ControlMessage request, Map<String, String> event) {
        String chain = request.get(ControlProtocol.CHAIN);
        String agent = request.get(ControlProtocol.AGENT);
        if (chain.isEmpty() == agent.isEmpty()) {
            return rejected(event, "name either a chain or an agent");
        }
        boolean restored = chain.isEmpty() ? revocations.restoreAgent(agent) : revocations.restoreChain(chain);
        String what = chain.isEmpty() ? "agent " + agent : "chain " + chain;
        return accepted(event, success(what + (restored ? " restored" : " was not revoked")), false);
    }

    private Handled mode(ControlMessage request, Map<String, String> event) {
        String value = request.get(ControlProtocol.MODE_VALUE);
        Mode next = value.equals(Mode.ENFORCE.keyword()) ? Mode.ENFORCE : value.equals(Mode.AUDIT.keyword()) ? Mode.AUDIT : null;
        if (next == null) {
            return rejected(event, "mode must be audit or enforce");
        }
        Mode previous = enforcer.mode();
        enforcer.switchMode(next);
        if (previous != next) {
            journal.recordLifecycle("mode.change", Map.of("mode", next.keyword(), "previousMode", previous.keyword()));
        }
        return accepted(event, success(previous == next ? "mode already " + next.keyword()
                : "mode " + previous.keyword() + " → " + next.keyword()), false);
    }

    private ControlMessage status() {
        CompiledPolicy policy = enforcer.policy();
        ControlMessage.Builder reply = success("status")
                .put("pid", pid)
                .put("version", facts.version)
                .put("agent", facts.agent)
                .put("mode", enforcer.mode().keyword())
                .put("onError", facts.onError)
                .put("journal", facts.journal)
                .put("attach", facts.attach)
                .put("startedAtMillis", facts.startedAtMillis)
                .put("operatorKey", operatorKeyConfigured)
                .put("socket", socketPath)
                .put("policyName", policy == null ? "" : policy.name())
                .put("policyHash", policy == null ? "" : policy.hash())
                .put("policyPath", policyPath)
                .put("blocked", enforcer.decisions().blocked())
                .put("untrackedChains", chains.untracked());
        enforcer.decisions().snapshot().forEach((key, count) -> reply.put(ControlProtocol.COUNT_PREFIX + key, count));
        for (ChainContext chain : chains.open()) {
            reply.put(ControlProtocol.LIVE_CHAIN_PREFIX + chain.chainId(), String.join("\t", chain.agent(),
                    chain.parentChainId(), Integer.toString(chain.depth()), chain.purpose(), chain.user(),
                    Boolean.toString(revocations.isRevoked(chain))));
        }
        revocations.revokedChains().forEach((chain, agent) ->
                reply.put(ControlProtocol.REVOKED_CHAIN_PREFIX + chain, agent.isEmpty() ? "" : "with agent " + agent));
        revocations.revokedAgents().forEach((agent, reason) -> reply.put(ControlProtocol.REVOKED_AGENT_PREFIX + agent, reason));
        return reply.build();
    }

    private Map<String, String> commandEvent(ControlMessage request, Peer peer) {
        Map<String, String> event = new HashMap<>();
        event.put("command", request.get(ControlProtocol.COMMAND));
        event.put("senderUser", peer.user);
        event.put("senderPid", request.get(ControlProtocol.SENDER_PID)); // claimed by the client
        event.put("signed", "unsigned");
        for (String argument : new String[] {ControlProtocol.CHAIN, ControlProtocol.AGENT, ControlProtocol.REASON,
                ControlProtocol.MODE_VALUE, ControlProtocol.POLICY_PATH}) {
            request.find(argument).ifPresent(value -> event.put(argument, value));
        }
        return event;
    }

    private Handled accepted(Map<String, String> event, ControlMessage reply, boolean stopServer) {
        event.put("outcome", "accepted");
        journalCommand(event);
        return new Handled(reply, stopServer);
    }

    private Handled accepted(Map<String, String> event, ControlMessage.Builder reply, boolean stopServer) {
        return accepted(event, reply.build(), stopServer);
    }

    private Handled rejected(Map<String, String> event, String why) {
        event.put("outcome", "rejected");
        event.put("message", why);
        journalCommand(event);
        return new Handled(failure(why), false);
    }

    private void journalCommand(Map<String, String> event) {
        journal.recordLifecycle("control.command", event);
    }

    private static ControlMessage.Builder success(String message) {
        return ControlMessage.builder().put(ControlProtocol.OK, true).put(ControlProtocol.MESSAGE, message);
    }

    private static ControlMessage failure(String message) {
        return ControlMessage.builder().put(ControlProtocol.OK, false).put(ControlProtocol.MESSAGE, message).build();
    }

    private static String shortHash(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) : hash;
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE / 2; // far outside any window
        }
    }
}
