package io.mandate.agent.journal;

import java.util.Map;

/**
 * One preallocated cell of the {@link EventRing}. A producer fills it after claiming it and before
 * publishing it; the writer reads it after seeing it published. Strings are immutable, so copying
 * the reference is a complete copy; only the access arrays need their elements copied.
 */
final class EventSlot {
    /** Ring index this slot was last published for; accessed only through {@link EventRing}'s handle. */
    long publishedIndex = -1;

    /** A producer failed while copying into the slot; the writer skips it (the loss is counted). */
    static final int TYPE_FAILED_COPY = 0;

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
    String[] accessOperations = new String[4];
    String[] accessResources = new String[4];
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
        if (count > accessOperations.length) {
            // grows once to the largest access list seen, never beyond MAX_ACCESSES
            int size = Math.min(JournalFormat.MAX_ACCESSES, Integer.highestOneBit(count - 1) << 1);
            accessOperations = new String[size];
            accessResources = new String[size];
        }
        if (count > 0) {
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

    /** Drops references once encoded, so the ring does not keep the application's strings alive. */
    void clear() {
        threadName = agent = chainId = parentChainId = rootChainId = null;
        stepId = tool = purpose = user = kind = operation = resource = null;
        verdict = ruleId = reason = policyHash = mode = error = unitsMetric = null;
        for (int i = 0; i < accessCount; i++) {
            accessOperations[i] = null;
            accessResources[i] = null;
        }
        accessCount = 0;
        lifecycleName = null;
        attributeKeys = attributeValues = null;
    }
}
