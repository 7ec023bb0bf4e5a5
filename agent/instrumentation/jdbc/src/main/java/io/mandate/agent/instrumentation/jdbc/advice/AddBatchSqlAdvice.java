package io.mandate.agent.instrumentation.jdbc.advice;

import io.mandate.bootstrap.jdbc.JdbcDispatch;
import net.bytebuddy.asm.Advice;

/** Inlined into Statement.addBatch(String): remembers the SQL once the driver accepted it. */
public final class AddBatchSqlAdvice {
    private AddBatchSqlAdvice() {
    }

    @Advice.OnMethodExit
    public static void exit(@Advice.This Object statement, @Advice.Argument(0) String sql) {
        JdbcDispatch.batchAdded(statement, sql);
    }
}
