package io.mandate.agent.instrumentation.jdbc.advice;

import io.mandate.bootstrap.jdbc.JdbcDispatch;
import net.bytebuddy.asm.Advice;

/** Inlined into Statement.clearBatch(). */
public final class ClearBatchAdvice {
    private ClearBatchAdvice() {
    }

    @Advice.OnMethodExit
    public static void exit(@Advice.This Object statement) {
        JdbcDispatch.batchCleared(statement);
    }
}
