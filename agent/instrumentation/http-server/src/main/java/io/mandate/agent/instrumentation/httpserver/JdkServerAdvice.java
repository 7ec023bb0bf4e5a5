package io.mandate.agent.instrumentation.httpserver;

import com.sun.net.httpserver.HttpExchange;
import io.mandate.bootstrap.lineage.IncomingLineage;
import io.mandate.bootstrap.lineage.OutgoingLineage;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code com.sun.net.httpserver.Filter.Chain.doFilter(HttpExchange)}: the server runs
 * an exchange's filters and handler through it, so the outermost call on the thread spans all of the
 * request's handling (the nested calls of each filter are counted and left alone).
 */
final class JdkServerAdvice {
    private JdkServerAdvice() {
    }

    @Advice.OnMethodEnter
    static Object enter(@Advice.Argument(0) HttpExchange exchange) {
        if (exchange == null) {
            return IncomingLineage.enter(null, null, null);
        }
        return IncomingLineage.enter(exchange.getRequestHeaders().getFirst(OutgoingLineage.HEADER),
                exchange.getRequestMethod(), exchange.getRequestURI().getRawPath());
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter Object handling) {
        IncomingLineage.exit(handling);
    }
}
