package io.mandate.agent.instrumentation.jdbc.advice;

import io.mandate.bootstrap.jdbc.JdbcDispatch;
import net.bytebuddy.asm.Advice;

/** Inlined into Connection.prepareStatement / prepareCall (String sql, ...): remembers the statement's SQL. */
public final class PrepareAdvice {
    private PrepareAdvice() {
    }

    @Advice.OnMethodExit
    public static void exit(@Advice.Argument(0) String sql, @Advice.Return Object statement) {
        JdbcDispatch.prepared(statement, sql);
    }
}
