package io.mandate.agent.instrumentation.jdbc.advice;

import io.mandate.bootstrap.jdbc.JdbcDispatch;
import net.bytebuddy.asm.Advice;

/** Inlined into ResultSet.next(): counts the rows the application reads when the policy meters them. */
public final class ResultSetNextAdvice {
    private ResultSetNextAdvice() {
    }

    @Advice.OnMethodEnter
    public static int enter() {
        return JdbcDispatch.enterRowRead();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit(@Advice.Enter int entered, @Advice.Return boolean rowRead) throws Throwable {
        Throwable overBudget = JdbcDispatch.exitRowRead(entered, rowRead);
        if (overBudget != null) {
            throw overBudget;
        }
    }
}
