package io.mandate.bootstrap.api;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Chain and step ids unique within a run and, through a random per-run prefix, across the runs that
 * share a journal. Ids name chains in the journal and in revocations; they are not secrets.
 */
final class ChainIds {
    private final String chainPrefix;
    private final String stepPrefix;
    private final AtomicLong counter = new AtomicLong();

    ChainIds() {
        String run = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16 | 1L << 47).substring(1);
        chainPrefix = "c-" + run + '-';
        stepPrefix = "s-" + run + '-';
    }

    String nextChainId() {
        return chainPrefix + counter.incrementAndGet();
    }

    String nextStepId() {
        return stepPrefix + counter.incrementAndGet();
    }
}
