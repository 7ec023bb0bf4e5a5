package io.mandate.agent.instrumentation.jdbc.advice;

import io.mandate.bootstrap.CallGuard;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into Connection, DatabaseMetaData, Driver.connect and DataSource.getConnection methods:
 * whatever statements the driver or pool runs inside them (catalog queries, session set-up,
 * isValid probes, a pool's validation query) are its own work, not the application's, so they
 * pass as nested calls instead of being decided.
 */
public final class DriverInternalAdvice {
    private DriverInternalAdvice() {
    }

    @Advice.OnMethodEnter
    public static void enter() {
        CallGuard.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit() {
        CallGuard.exit();
    }
}
