package io.mandate.agent.instrumentation.jdbc.advice;

import io.mandate.bootstrap.jdbc.JdbcDispatch;
import net.bytebuddy.asm.Advice;

/** Inlined into executeBatch() / executeLargeBatch(): one decision covering every batched statement. */
public final class ExecuteBatchAdvice {
    private ExecuteBatchAdvice() {
    }

    @Advice.OnMethodEnter
    public static Object enter(@Advice.This Object statement) throws Throwable {
        Object call = JdbcDispatch.enterExecute(statement, null, true);
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
