package io.mandate.bootstrap.tools;

import io.mandate.api.Chain;
import io.mandate.api.Step;

/**
 * The step a framework call opened, and the chain it opened around it (null when the call ran in
 * the caller's chain): what a chat call or a served tool hands from its enter to its exit.
 */
final class ChainAndStep {
    private final Chain chain;
    private final Step step;

    ChainAndStep(Chain chain, Step step) {
        this.chain = chain;
        this.step = step;
    }

    /** Closes what {@code opened} holds (anything else is ignored), recording {@code thrown} (null for a result) on the step. */
    static void close(Object opened, Throwable thrown) {
        if (!(opened instanceof ChainAndStep)) {
            return;
        }
        ChainAndStep scopes = (ChainAndStep) opened;
        ToolSteps.close(scopes.step, thrown);
        if (scopes.chain != null) {
            closeQuietly(scopes.chain);
        }
    }

    /** Closes a chain whose step could not be opened, or that ends with it. */
    static void closeQuietly(Chain chain) {
        try {
            chain.close();
        } catch (Throwable ignored) {
            // the application's own outcome stands
        }
    }
}
