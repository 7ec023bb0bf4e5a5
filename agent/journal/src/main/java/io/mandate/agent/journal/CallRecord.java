package io.mandate.agent.journal;

/**
 * One intercepted call as the journal records it. {@link Journal#recordCall(CallRecord)} copies what
 * it needs before returning, so the caller may reuse the record at once. The enforcer instead fills
 * the journal's own record in place ({@link Journal#claimCall()}, then {@link
 * Journal#publishClaimed}) through the {@code set...} methods below, which together write every field.
 *
 * {@code resource} is what a person reads (SQL with literals replaced by '?', a URL without its
 * query string, a path); {@code accesses} are the (operation, resource) pairs the policy decided,
 * kept so a later policy can re-decide the call (what-if replay).
 */
public final class CallRecord {
    private static final String[] NO_ACCESSES = new String[0];

    public long epochNanos;
    public long durationNanos;
    public String threadName = "";

    public String agent = "";
    public String chainId = "";
    public String parentChainId = "";
    public String rootChainId = "";
    public int depth;
    public String stepId = "";
    public String tool = "";
    public String purpose = "";
    public String user = "";

    /** jdbc, http, net, file, process */
    public String kind = "";
    /** The call's main operation (select, GET, connect, read, exec). */
    public String operation = "";
    public String resource = "";
    public String[] accessOperations = NO_ACCESSES;
    public String[] accessResources = NO_ACCESSES;
    public int accessCount;

    /** ALLOW, FLAG or DENY */
    public String verdict = "";
    public String ruleId = "";
    public String reason = "";
    public String policyHash = "";
    /** audit or enforce */
    public String mode = "";
    /** True when the call was stopped (enforce mode and DENY). */
    public boolean blocked;
    /** "" when the call returned normally, else the exception class it failed with. */
    public String error = "";

    /**
     * The volume metric of {@link #units}, as limits name it ("rows"; later "bytes"...), or "" when
     * the call consumed nothing countable; kept so a what-if can replay volume limits.
     */
    public String unitsMetric = "";
    /** How much of {@link #unitsMetric} this record charges (rows read), 0 for none. */
    public long units;
    /**
     * True when this record is not a new call but the volume an earlier call went on consuming after
     * it was journaled (the rows an application read from a statement's result set): journaled as a
     * {@code usage} event, which readers do not count as a call. {@code resource} names that call.
     */
    public boolean usage;
    /**
     * For a usage record: how many executions of the call its units cover (consecutive runs of the
     * same statement in the same context are journaled as one record).
     */
    public long usageCalls;

    /**
     * The ring index this record was claimed for, while it is claimed; -1 for a record the journal
     * did not hand out (written and read by the journal only).
     */
    long claimedIndex = -1;

    // The setters below store a reference only when it differs from the one held. A claimed record
    // is long-lived (one per ring cell, reused on every lap), and under G1 each reference stored
    // into an old object pays a card-marking barrier with a StoreLoad fence; consecutive calls
    // mostly repeat the same agent, chain, statement and verdict strings, so most stores are skipped.

    /** The reasoning-chain context the call was made in. */
    public void setContext(String newAgent, String newChainId, String newParentChainId, String newRootChainId,
                           int newDepth, String newStepId, String newTool, String newPurpose, String newUser) {
        if (agent != newAgent) {
            agent = newAgent;
        }
        if (chainId != newChainId) {
            chainId = newChainId;
        }
        if (parentChainId != newParentChainId) {
            parentChainId = newParentChainId;
        }
        if (rootChainId != newRootChainId) {
            rootChainId = newRootChainId;
        }
        depth = newDepth;
        if (stepId != newStepId) {
            stepId = newStepId;
        }
        if (tool != newTool) {
            tool = newTool;
        }
        if (purpose != newPurpose) {
            purpose = newPurpose;
        }
        if (user != newUser) {
            user = newUser;
        }
    }

    /** What was called, when, on which thread, in which mode. */
    public void setCall(String newKind, String newOperation, String newResource, long newEpochNanos,
                        String newThreadName, String newMode) {
        if (kind != newKind) {
            kind = newKind;
        }
        if (operation != newOperation) {
            operation = newOperation;
        }
        if (resource != newResource) {
            resource = newResource;
        }
        epochNanos = newEpochNanos;
        if (threadName != newThreadName) {
            threadName = newThreadName;
        }
        if (mode != newMode) {
            mode = newMode;
        }
    }

    /** Starts the list of accesses the policy decided: {@code count} of them, set with {@link #setAccess}. */
    public void setAccessCount(int count) {
        if (accessOperations.length < count || accessResources.length < count) {
            accessOperations = new String[Math.max(count, 2)];
            accessResources = new String[accessOperations.length];
        }
        accessCount = count;
    }

    public void setAccess(int index, String newOperation, String newResource) {
        if (accessOperations[index] != newOperation) {
            accessOperations[index] = newOperation;
        }
        if (accessResources[index] != newResource) {
            accessResources[index] = newResource;
        }
    }

    /** The decision and how the call ended; an empty verdict for a usage record, which decides nothing. */
    public void setOutcome(String newVerdict, String newRuleId, String newReason, String newPolicyHash,
                           boolean newBlocked, String newError, long newDurationNanos) {
        if (verdict != newVerdict) {
            verdict = newVerdict;
        }
        if (ruleId != newRuleId) {
            ruleId = newRuleId;
        }
        if (reason != newReason) {
            reason = newReason;
        }
        if (policyHash != newPolicyHash) {
            policyHash = newPolicyHash;
        }
        blocked = newBlocked;
        if (error != newError) {
            error = newError;
        }
        durationNanos = newDurationNanos;
    }

    /** The volume the record charges, and whether it is a usage record covering {@code calls} executions. */
    public void setUnits(String newUnitsMetric, long newUnits, boolean newUsage, long calls) {
        if (unitsMetric != newUnitsMetric) {
            unitsMetric = newUnitsMetric;
        }
        units = newUnits;
        usage = newUsage;
        usageCalls = calls;
    }
}
