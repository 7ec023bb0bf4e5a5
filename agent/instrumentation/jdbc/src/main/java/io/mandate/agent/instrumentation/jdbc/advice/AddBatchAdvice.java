package io.mandate.agent.instrumentation.jdbc.advice;

import io.mandate.bootstrap.jdbc.JdbcDispatch;
import net.bytebuddy.asm.Advice;

/** Inlined into PreparedStatement.addBatch(): counts the parameter sets of the prepared SQL. */
public final class AddBatchAdvice {
    private AddBatchAdvice() {
    }

    @Advice.OnMethodExit
    public static void exit(@Advice.This Object statement) {
        JdbcDispatch.batchAdded(statement, null);
    }
}
