package io.mandate.agent.instrumentation.jdbc.advice;

import io.mandate.bootstrap.jdbc.JdbcDispatch;
import net.bytebuddy.asm.Advice;

/** Inlined into Statement.execute / executeQuery / executeUpdate / executeLargeUpdate (String sql, ...). */
public final class ExecuteSqlAdvice {
    private ExecuteSqlAdvice() {
    }

    @Advice.OnMethodEnter
    public static Object enter(@Advice.This Object statement, @Advice.Argument(0) String sql) throws Throwable {
        Object call = JdbcDispatch.enterExecute(statement, sql, false);
        if (call instanceof Throwable) {
            throw (Throwable) call;
        }
        return call;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit(@Advice.Enter Object call, @Advice.Thrown Throwable thrown) {
        JdbcDispatch.exitExecute(call, thrown);
    }
}
