package io.mandate.agent.instrumentation.process;

import io.mandate.bootstrap.CallGuard;
import io.mandate.bootstrap.process.ProcessDispatch;
import io.mandate.bootstrap.process.ProcessHooks;
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

/** The bridge's protocol, called as the advice calls it: guard pairing, nesting, failing hooks. */
class ProcessDispatchProtocolTest {
    private static final List<String> COMMAND = List.of("/bin/echo", "hi");

    private final List<Object> finished = new ArrayList<>();

    @AfterEach
    void uninstall() {
        ProcessDispatch.uninstall();
        assertFalse(CallGuard.active(), "every path leaves the guard as it found it");
    }

    private void install(Object answer) {
        ProcessDispatch.install(new ProcessHooks() {
            @Override
            public Object beforeStart(List<String> command) {
                return answer;
            }

            @Override
            public void afterStart(Object call, Throwable error) {
                finished.add(call);
            }
        });
    }

    @Test
    void anAllowedLaunchHoldsTheGuardUntilItHasStarted() {
        install("in flight");
        Object call = ProcessDispatch.enterStart(COMMAND);
        assertTrue(CallGuard.active());
        ProcessDispatch.exitStart(call, null);
        assertEquals(List.of("in flight"), finished);
    }

    @Test
    void aDeniedLaunchLeavesTheGuardBeforeTheAdviceThrows() {
        IOException denial = new IOException("denied");
        install(denial);
        assertSame(denial, ProcessDispatch.enterStart(COMMAND));
    }

    @Test
    void aLaunchInsideADecidedCallIsNotDecidedAgain() {
        install(new IOException("denied"));
        CallGuard.enter();
        try {
            Object nested = ProcessDispatch.enterStart(COMMAND);
            assertNull(nested);
            ProcessDispatch.exitStart(nested, null);
        } finally {
            CallGuard.exit();
        }
        assertTrue(finished.isEmpty());
    }

    @Test
    void hooksThatThrowNeverReachTheApplication() {
        ProcessDispatch.install(new ProcessHooks() {
            @Override
            public Object beforeStart(List<String> command) {
                throw new IllegalStateException("agent bug");
            }

            @Override
            public void afterStart(Object call, Throwable error) {
                throw new IllegalStateException("agent bug");
            }
        });
        Object call = ProcessDispatch.enterStart(COMMAND);
        assertNull(call);
        ProcessDispatch.exitStart("in flight", null);
    }
}
