package io.mandate.agent.startup;

import io.mandate.agent.journal.CallRecord;
import io.mandate.agent.journal.Journal;

import java.util.Map;

/**
 * Stands in for a journal that could not be opened when onError=open lets the agent run without
 * one; the startup line and a warning say that nothing is being journaled.
 */
final class DiscardingJournal implements Journal {
    @Override
    public void recordCall(CallRecord call) {
        // nothing is kept: the operator was told at start
    }

    @Override
    public void recordLifecycle(String type, Map<String, String> attributes) {
        // nothing is kept: the operator was told at start
    }

    @Override
    public void flush() {
        // nothing to flush
    }

    @Override
    public void close() {
        // nothing to release
    }
}
