package io.mandate.agent.instrumentation.http.common;

import io.mandate.bootstrap.CallGuard;
import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.ContextHolder;
import io.mandate.bootstrap.meter.ByteMeterDispatch;
import io.mandate.bootstrap.meter.ByteMeterHooks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The byte meter bridge's guard protocol as the read advice calls it. */
class ByteMeterDispatchProtocolTest {
    private final List<String> charged = new ArrayList<>();
    private final IOException overLimit = new IOException("over");
    private boolean metered = true;

    private final ByteMeterHooks hooks = new ByteMeterHooks() {
        @Override
        public boolean meters(int meter) {
            return metered;
        }

        @Override
        public Throwable charge(int meter, long bytes, Object source) {
            assertTrue(CallGuard.active(), "charged inside the guard: the journal's own I/O is not metered");
            charged.add(bytes + " " + source);
            return bytes >= 100 ? overLimit : null;
        }
    };

    @AfterEach
    void uninstall() {
        ByteMeterDispatch.uninstall(ByteMeterDispatch.HTTP_RESPONSE);
        ByteMeterDispatch.uninstall(ByteMeterDispatch.FILE_READ);
        assertFalse(CallGuard.active(), "every test leaves the guard as it found it");
    }

    @Test
    void anOutermostReadIsChargedWhatItRead() {
        ByteMeterDispatch.install(ByteMeterDispatch.HTTP_RESPONSE, hooks);
        int entered = ByteMeterDispatch.enter(ByteMeterDispatch.HTTP_RESPONSE);
        assertEquals(ByteMeterDispatch.OUTERMOST, entered);
        assertNull(ByteMeterDispatch.exit(entered, ByteMeterDispatch.HTTP_RESPONSE, 42, "conn"));
        assertEquals(List.of("42 conn"), charged);
    }

    @Test
    void aReadInsideAnotherCountsOnce() {
        ByteMeterDispatch.install(ByteMeterDispatch.HTTP_RESPONSE, hooks);
        int outer = ByteMeterDispatch.enter(ByteMeterDispatch.HTTP_RESPONSE); // read(byte[])
        int inner = ByteMeterDispatch.enter(ByteMeterDispatch.HTTP_RESPONSE); // calls read(byte[], int, int)
        assertEquals(ByteMeterDispatch.NESTED, inner);
        assertNull(ByteMeterDispatch.exit(inner, ByteMeterDispatch.HTTP_RESPONSE, 10, null));
        assertNull(ByteMeterDispatch.exit(outer, ByteMeterDispatch.HTTP_RESPONSE, 10, null));
        assertEquals(List.of("10 null"), charged);
    }

    @Test
    void theEndOfTheStreamAndAFailedReadChargeNothing() {
        ByteMeterDispatch.install(ByteMeterDispatch.HTTP_RESPONSE, hooks);
        assertNull(ByteMeterDispatch.exit(ByteMeterDispatch.enter(0), 0, -1, null));
        assertNull(ByteMeterDispatch.exit(ByteMeterDispatch.enter(0), 0, 0, null));
        assertEquals(List.of(), charged);
    }

    @Test
    void aReadOverTheLimitGetsTheDenialAfterTheGuardWasLeft() {
        ByteMeterDispatch.install(ByteMeterDispatch.HTTP_RESPONSE, hooks);
        int entered = ByteMeterDispatch.enter(ByteMeterDispatch.HTTP_RESPONSE);
        assertSame(overLimit, ByteMeterDispatch.exit(entered, ByteMeterDispatch.HTTP_RESPONSE, 100, null));
    }

    @Test
    void withoutALimitTheGuardIsNotTouched() {
        metered = false;
        ByteMeterDispatch.install(ByteMeterDispatch.HTTP_RESPONSE, hooks);
        int entered = ByteMeterDispatch.enter(ByteMeterDispatch.HTTP_RESPONSE);
        assertEquals(ByteMeterDispatch.NOT_METERED, entered);
        assertFalse(CallGuard.active());
        assertNull(ByteMeterDispatch.exit(entered, ByteMeterDispatch.HTTP_RESPONSE, 1000, null));
        assertEquals(List.of(), charged);
    }

    @Test
    void brokenHooksNeverBreakTheRead() {
        ByteMeterDispatch.install(ByteMeterDispatch.HTTP_RESPONSE, new ByteMeterHooks() {
            @Override
            public boolean meters(int meter) {
                return true;
            }

            @Override
            public Throwable charge(int meter, long bytes, Object source) {
                throw new IllegalStateException("broken");
            }
        });
        assertNull(ByteMeterDispatch.exit(ByteMeterDispatch.enter(0), 0, 5, null));
    }

    @Test
    void aWriteIsChargedBeforeItRunsAndADeniedOneLeavesNoGuardBehind() {
        ByteMeterDispatch.install(ByteMeterDispatch.FILE_READ, hooks); // the file family: read and written
        assertNull(ByteMeterDispatch.beforeWrite(ByteMeterDispatch.FILE_WRITTEN, 10, "out"));
        assertSame(overLimit, ByteMeterDispatch.beforeWrite(ByteMeterDispatch.FILE_WRITTEN, 100, "out"));
        assertNull(ByteMeterDispatch.beforeWrite(ByteMeterDispatch.FILE_WRITTEN, 0, "out"), "an empty write");
        CallGuard.enter();
        try {
            assertNull(ByteMeterDispatch.beforeWrite(ByteMeterDispatch.FILE_WRITTEN, 500, "nested"),
                    "a write inside a decided call or the agent's own work");
        } finally {
            CallGuard.exit();
        }
        assertEquals(List.of("10 out", "100 out"), charged);
        assertNull(ByteMeterDispatch.beforeWrite(ByteMeterDispatch.HTTP_RESPONSE, 100, "x"), "other meters' hooks apart");
    }

    @Test
    void aDeliveryOnAClientThreadIsChargedInTheExchangesChainAndLeavesTheThreadAsItWas() {
        List<String> chains = new ArrayList<>();
        ByteMeterDispatch.install(ByteMeterDispatch.HTTP_RESPONSE, new ByteMeterHooks() {
            @Override
            public boolean meters(int meter) {
                return true;
            }

            @Override
            public Throwable charge(int meter, long bytes, Object source) {
                ChainContext current = ContextHolder.current();
                chains.add(current == null ? "none" : current.chainId());
                return bytes >= 100 ? overLimit : null;
            }
        });
        ChainContext exchange = ChainContext.root("bot", "c-9", "fetch", "ann");
        assertNull(ByteMeterDispatch.beforeDelivery(exchange, ByteMeterDispatch.HTTP_RESPONSE, 10, null));
        assertSame(overLimit, ByteMeterDispatch.beforeDelivery(exchange, ByteMeterDispatch.HTTP_RESPONSE, 100, null));
        assertNull(ByteMeterDispatch.beforeDelivery(null, ByteMeterDispatch.HTTP_RESPONSE, 10, null));
        assertEquals(List.of("c-9", "c-9", "none"), chains);
        assertNull(ContextHolder.current(), "the I/O thread keeps no chain");
    }

    @Test
    void uninstalledCountsNothing() {
        assertEquals(ByteMeterDispatch.NOT_METERED, ByteMeterDispatch.enter(ByteMeterDispatch.HTTP_RESPONSE));
    }
}
