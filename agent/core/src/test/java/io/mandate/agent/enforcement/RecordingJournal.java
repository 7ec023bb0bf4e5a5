package io.mandate.agent.enforcement;

import io.mandate.agent.journal.CallRecord;
import io.mandate.agent.journal.Journal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A journal that keeps copies of what it was given, as the real one copies before returning. */
final class RecordingJournal implements Journal {
    final List<CallRecord> calls = new ArrayList<>();
    final List<String> lifecycle = new ArrayList<>();
    boolean keepCalls = true;
    long callCount;

    @Override
    public void recordCall(CallRecord call) {
        callCount++;
        if (!keepCalls) {
            return;
        }
        CallRecord copy = new CallRecord();
        copy.epochNanos = call.epochNanos;
        copy.durationNanos = call.durationNanos;
        copy.threadName = call.threadName;
        copy.agent = call.agent;
        copy.chainId = call.chainId;
        copy.parentChainId = call.parentChainId;
        copy.rootChainId = call.rootChainId;
        copy.depth = call.depth;
        copy.stepId = call.stepId;
        copy.tool = call.tool;
        copy.purpose = call.purpose;
        copy.user = call.user;
        copy.kind = call.kind;
        copy.operation = call.operation;
        copy.resource = call.resource;
        copy.accessCount = call.accessCount;
        copy.accessOperations = java.util.Arrays.copyOf(call.accessOperations, call.accessCount);
        copy.accessResources = java.util.Arrays.copyOf(call.accessResources, call.accessCount);
        copy.verdict = call.verdict;
        copy.ruleId = call.ruleId;
        copy.reason = call.reason;
        copy.policyHash = call.policyHash;
        copy.mode = call.mode;
        copy.blocked = call.blocked;
        copy.error = call.error;
        calls.add(copy);
    }

    @Override
    public void recordLifecycle(String type, Map<String, String> attributes) {
        lifecycle.add(type + " " + new java.util.TreeMap<>(attributes));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
