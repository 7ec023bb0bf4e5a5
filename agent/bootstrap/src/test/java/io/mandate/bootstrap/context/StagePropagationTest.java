package io.mandate.bootstrap.context;

import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.ContextHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A stage runs in the chain it was composed in for as long as it may fire, and is forgotten once it has run. */
class StagePropagationTest {
    private final ChainContext chain = ChainContext.root("support-bot", "c-1", "answer ticket 42", "alice");

    @BeforeEach
    void enable() {
        ContextPropagation.enable();
        StagePropagation.clear();
    }

    @AfterEach
    void reset() {
        ContextHolder.restore(null);
        StagePropagation.clear();
        ContextPropagation.disable();
    }

    @Test
    void aStageFiresInItsChainUntilItHasRunThenItIsForgotten() {
        Object completion = new Object();
        ContextHolder.attach(chain);
        StagePropagation.composed(completion);
        ContextHolder.restore(null);

        // an async stage fires once to hand itself to its executor (not done), then runs
        Object handOff = StagePropagation.enter(completion);
        assertSame(chain, ContextHolder.current());
        StagePropagation.exit(handOff, completion, false);
        assertNull(ContextHolder.current());

        Object run = StagePropagation.enter(completion);
        assertSame(chain, ContextHolder.current());
        StagePropagation.exit(run, completion, true);
        assertNull(ContextHolder.current());

        Object again = StagePropagation.enter(completion);
        assertNull(ContextHolder.current(), "a stage that has run keeps no chain");
        StagePropagation.exit(again, completion, true);
    }

    @Test
    void aStageComposedOutsideAnyChainRunsInWhateverTheThreadHas() {
        Object completion = new Object();
        StagePropagation.composed(completion);
        ContextHolder.attach(chain);

        Object token = StagePropagation.enter(completion);
        assertSame(chain, ContextHolder.current());
        StagePropagation.exit(token, completion, true);
        assertSame(chain, ContextHolder.current());
    }
}
