package io.mandate.agent.journal;

import java.util.List;

/**
 * The string fields of a call event in format order; bit i of a call's repeat mask stands for
 * string {@code NAMES.get(i)}, and {@link #ACCESSES_BIT} for the access list.
 */
final class CallFields {
    static final List<String> NAMES = List.of(
            "threadName", "agent", "chainId", "parentChainId", "rootChainId", "stepId", "tool", "purpose",
            "user", "kind", "operation", "resource", "verdict", "ruleId", "reason", "policyHash", "mode", "error");
    static final int STRING_COUNT = NAMES.size();
    static final int ACCESSES_BIT = 1 << STRING_COUNT;

    private CallFields() {
    }

    /** Copies the slot's strings into {@code fields} in format order, null as "". */
    static void fill(String[] fields, EventSlot s) {
        fields[0] = s.threadName;
        fields[1] = s.agent;
        fields[2] = s.chainId;
        fields[3] = s.parentChainId;
        fields[4] = s.rootChainId;
        fields[5] = s.stepId;
        fields[6] = s.tool;
        fields[7] = s.purpose;
        fields[8] = s.user;
        fields[9] = s.kind;
        fields[10] = s.operation;
        fields[11] = s.resource;
        fields[12] = s.verdict;
        fields[13] = s.ruleId;
        fields[14] = s.reason;
        fields[15] = s.policyHash;
        fields[16] = s.mode;
        fields[17] = s.error;
        for (int i = 0; i < STRING_COUNT; i++) {
            if (fields[i] == null) {
                fields[i] = "";
            }
        }
    }
}
