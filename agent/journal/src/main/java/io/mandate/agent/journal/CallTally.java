package io.mandate.agent.journal;

/**
 * Counts decided calls by kind, operation and verdict (what {@code mandate status} shows). A journal
 * that accepts one ({@link Journal#tallyCallsWith}) counts each call on its writer thread, so the
 * application thread pays nothing for the count.
 */
@FunctionalInterface
public interface CallTally {
    void call(String kind, String operation, String verdict, boolean blocked);
}
