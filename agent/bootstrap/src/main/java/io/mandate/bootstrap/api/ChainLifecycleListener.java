package io.mandate.bootstrap.api;

import io.mandate.bootstrap.ChainContext;

/**
 * Told when the application opens and closes chains and steps through the public API; the core
 * installs one that journals them and forgets a closed chain's limit counters. Called on the
 * application's thread with interception suspended; implementations must not throw and must not block.
 */
public interface ChainLifecycleListener {
    void chainOpened(ChainContext chain);

    void chainClosed(ChainContext chain);

    void stepOpened(ChainContext step);

    /** @param failure what the application reported with {@code Step.failed}, or null */
    void stepClosed(ChainContext step, Throwable failure);
}
