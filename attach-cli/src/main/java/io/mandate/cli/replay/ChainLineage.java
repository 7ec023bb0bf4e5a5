package io.mandate.cli.replay;

import java.util.HashMap;
import java.util.Map;

import io.mandate.agent.journal.JournalEvent;

/**
 * Which chain delegated which, learned from the events as they are read (chain.open and calls
 * carry the parent), so it works on a live tail too.
 */
final class ChainLineage {
    /** Guards against a cycle a damaged journal could contain. */
    private static final int MAX_DEPTH = 1024;

    private final Map<String, String> parentOf = new HashMap<>();

    void learn(JournalEvent event) {
        String chain = event.string("chainId");
        String parent = event.string("parentChainId");
        if (!chain.isEmpty() && !parent.isEmpty() && !parent.equals(chain)) {
            parentOf.putIfAbsent(chain, parent);
        }
    }

    /** True when {@code chain} is {@code ancestor} or was delegated, directly or not, from it. */
    boolean descendsFrom(String chain, String ancestor) {
        String current = chain;
        for (int i = 0; i < MAX_DEPTH && current != null; i++) {
            if (current.equals(ancestor)) {
                return true;
            }
            current = parentOf.get(current);
        }
        return false;
    }

    String parentOf(String chain) {
        return parentOf.getOrDefault(chain, "");
    }
}
