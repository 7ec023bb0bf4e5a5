package io.mandate.agent.journal;

import java.util.Map;

/**
 * One event on its way through the {@link EventRing}: a producer allocates and fills it, then
 * publishes it; the writer encodes it. Never changed after publication (except by the writer, see
 * {@link #runPublicKeyIndex}). Strings are immutable, so
 * copying the reference is a complete copy; only the access arrays need their elements copied.
 */
final class EventSlot {
    /** A producer failed while copying its event; the writer skips it (the loss is counted). */
    static final int TYPE_FAILED_COPY = 0;
    private static final String[] NO_ACCESSES = new String[0];
    /** Published in place of an event that could not be copied: a claimed index is always published. */
    static final EventSlot FAILED_COPY = new EventSlot();

    int type;
    long epochNanos;

    // call
    long durationNanos;
    String threadName;
    String agent;
    String chainId;
    String parentChainId;
    String rootChainId;
    int depth;
    String stepId;
    String tool;
    String purpose;
    String user;
    String kind;
    String operation;
    String resource;
    String[] accessOperations = NO_ACCESSES;
    String[] accessResources = NO_ACCESSES;
    int accessCount;
    boolean accessesTruncated;
    String verdict;
    String ruleId;
    String reason;
    String policyHash;
    String mode;
    boolean blocked;
    String error;
    String unitsMetric;
    long units;
    long usageCalls;

    // lifecycle
    String lifecycleName;
    String[] attributeKeys;
    String[] attributeValues;
    boolean attributesTruncated;
    /** The attribute whose value the writer sets to the run's public key before encoding, or -1. */
    int runPublicKeyIndex = -1;

    /**
     * Fills this writer-owned slot from a record handed over whole ({@link Journal#recordFreshCall}),
     * on the writer thread: the copy the application thread no longer makes. The slot's access arrays
     * are reused from record to record.
     */
    EventSlot takeCall(CallRecord call) {
        copyCall(call);
        return this;
    }

    void copyCall(CallRecord call) {
        type = call.usage ? JournalFormat.TYPE_USAGE : JournalFormat.TYPE_CALL;
        unitsMetric = call.unitsMetric;
        units = Math.max(0, call.units);
        usageCalls = Math.max(0, call.usageCalls);
        epochNanos = call.epochNanos;
        durationNanos = call.durationNanos;
        threadName = call.threadName;
        agent = call.agent;
        chainId = call.chainId;
        parentChainId = call.parentChainId;
        rootChainId = call.rootChainId;
        depth = call.depth;
        stepId = call.stepId;
        tool = call.tool;
        purpose = call.purpose;
        user = call.user;
        kind = call.kind;
        operation = call.operation;
        resource = call.resource;
        copyAccesses(call);
        verdict = call.verdict;
        ruleId = call.ruleId;
        reason = call.reason;
        policyHash = call.policyHash;
        mode = call.mode;
        blocked = call.blocked;
        error = call.error;
    }

    private void copyAccesses(CallRecord call) {
        String[] ops = call.accessOperations;
        String[] res = call.accessResources;
        int available = Math.min(ops == null ? 0 : ops.length, res == null ? 0 : res.length);
        int count = Math.max(0, Math.min(call.accessCount, available));
        accessesTruncated = count > JournalFormat.MAX_ACCESSES || call.accessCount > available;
        count = Math.min(count, JournalFormat.MAX_ACCESSES);
        if (count > 0) {
            if (accessOperations.length < count) {
                accessOperations = new String[count];
                accessResources = new String[count];
            }
            System.arraycopy(ops, 0, accessOperations, 0, count);
            System.arraycopy(res, 0, accessResources, 0, count);
        }
        accessCount = count;
    }

    void copyLifecycle(String name, Map<String, String> attributes, long nowEpochNanos) {
        type = JournalFormat.TYPE_LIFECYCLE;
        epochNanos = nowEpochNanos;
        lifecycleName = name;
        int size = attributes == null ? 0 : Math.min(attributes.size(), JournalFormat.MAX_ATTRIBUTES);
        attributesTruncated = attributes != null && attributes.size() > size;
        String[] keys = new String[size];
        String[] values = new String[size];
        int i = 0;
        if (size > 0) {
            for (Map.Entry<String, String> e : attributes.entrySet()) {
                if (i == size) {
                    break; // a map that grew while being copied keeps its first entries
                }
                keys[i] = e.getKey();
                values[i] = e.getValue();
                i++;
            }
        }
        attributeKeys = keys;
        attributeValues = values;
    }

    /** Marks the copied attribute {@code key} (when present) to hold the run's public key. */
    void runPublicKeyAttribute(String key) {
        if (key == null) {
            return;
        }
        for (int i = 0; i < attributeKeys.length; i++) {
            if (key.equals(attributeKeys[i])) {
                runPublicKeyIndex = i;
                return;
            }
        }
    }
}
