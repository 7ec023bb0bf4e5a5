package io.mandate.cli.journal;

import java.time.Instant;
import java.util.List;

import io.mandate.agent.journal.JournalEvent;

/**
 * A call event of the journal with its fields named, as the commands use them. Fields the reader
 * could not resolve (an {@code incomplete} call) are empty strings.
 */
public record RecordedCall(JournalEvent event, String agent, String chainId, String parentChainId, String rootChainId,
                           int depth, String stepId, String tool, String purpose, String user, String kind,
                           String operation, String resource, String verdict, String ruleId, String reason,
                           String mode, boolean blocked, boolean incomplete, boolean truncated,
                           List<JournalEvent.Access> accesses) {

    public static final String CALL_TYPE = "call";

    /** The call of a "call" event; callers check {@link #isCall(JournalEvent)} first. */
    public static RecordedCall of(JournalEvent e) {
        return new RecordedCall(e, e.string("agent"), e.string("chainId"), e.string("parentChainId"),
                e.string("rootChainId"), (int) e.longField("depth"), e.string("stepId"), e.string("tool"),
                e.string("purpose"), e.string("user"), e.string("kind"), e.string("operation"), e.string("resource"),
                e.string("verdict"), e.string("ruleId"), e.string("reason"), e.string("mode"), e.flag("blocked"),
                e.flag("incomplete"), e.flag("truncated"), e.accesses());
    }

    public static boolean isCall(JournalEvent e) {
        return CALL_TYPE.equals(e.type());
    }

    public Instant time() {
        return Instant.ofEpochSecond(0, event.epochNanos());
    }

    /** ALLOW or FLAG: the policy let the call run. */
    public boolean permitted() {
        return "ALLOW".equals(verdict) || "FLAG".equals(verdict);
    }

    /** Denied by a count limit rather than by a rule: a question of budget, not of privilege. */
    public boolean deniedByLimit() {
        return "DENY".equals(verdict) && ruleId.startsWith("limit:");
    }
}
