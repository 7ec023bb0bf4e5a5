package io.mandate.control;

import java.util.Set;

/** Command names and field names of the control channel (docs/control.md lists them with their meaning). */
public final class ControlProtocol {
    // commands
    public static final String STATUS = "status";
    public static final String RELOAD = "policy.reload";
    public static final String REVOKE = "revoke";
    public static final String RESTORE = "restore";
    public static final String MODE = "mode";
    public static final String DETACH = "detach";

    /**
     * Commands that can widen what the application may do: with an operator key configured they
     * must be signed with it. A reload can narrow too, but the agent cannot tell before it is applied.
     * A mode change widens only towards audit; the agent decides that one by its argument.
     */
    public static final Set<String> ALWAYS_WIDENING = Set.of(RELOAD, RESTORE, DETACH);

    // request fields
    public static final String COMMAND = "command";
    public static final String TARGET_PID = "targetPid";
    public static final String NONCE = "nonce";
    public static final String ISSUED_AT_MILLIS = "issuedAtMillis";
    public static final String SENDER_PID = "senderPid";
    public static final String SIGNATURE = "signature";
    public static final String CHAIN = "chain";
    public static final String AGENT = "agent";
    public static final String REASON = "reason";
    public static final String POLICY_TEXT = "policyText";
    public static final String POLICY_NAME = "policyName";
    public static final String POLICY_PATH = "policyPath";
    public static final String MODE_VALUE = "mode";

    // reply fields
    public static final String OK = "ok";
    public static final String MESSAGE = "message";
    public static final String DIAGNOSTICS = "diagnostics";
    /** Prefix of a counter field: {@code count.<kind>.<operation>.<VERDICT>} → count. */
    public static final String COUNT_PREFIX = "count.";
    /** Prefix of a live chain field: {@code chain.<id>} → tab-separated agent, parent, depth, purpose, user, revoked. */
    public static final String LIVE_CHAIN_PREFIX = "chain.";
    /** Prefix of a revoked chain field: {@code revoked.chain.<id>} → why. */
    public static final String REVOKED_CHAIN_PREFIX = "revoked.chain.";
    /** Prefix of a revoked agent field: {@code revoked.agent.<id>} → why. */
    public static final String REVOKED_AGENT_PREFIX = "revoked.agent.";

    private ControlProtocol() {
    }
}
