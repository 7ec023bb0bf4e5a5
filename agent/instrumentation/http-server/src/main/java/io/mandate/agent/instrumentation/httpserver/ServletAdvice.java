package io.mandate.agent.instrumentation.httpserver;

import io.mandate.bootstrap.lineage.IncomingLineage;
import io.mandate.bootstrap.lineage.OutgoingLineage;
import jakarta.servlet.http.HttpServletRequest;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into a container's {@code FilterChain.doFilter} and into
 * {@code HttpServlet.service(ServletRequest, ServletResponse)}: the outermost of them on the thread
 * spans the request's filters and servlet (nested ones are counted and left alone).
 */
final class ServletAdvice {
    private ServletAdvice() {
    }

    // Object in the signature: the agent loader reads advice signatures and cannot see servlet types.
    @Advice.OnMethodEnter
    static Object enter(@Advice.Argument(0) Object request) {
        if (!(request instanceof HttpServletRequest)) {
            return IncomingLineage.enter(null, null, null);
        }
        HttpServletRequest http = (HttpServletRequest) request;
        return IncomingLineage.enter(http.getHeader(OutgoingLineage.HEADER), http.getMethod(), http.getRequestURI());
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter Object handling) {
        IncomingLineage.exit(handling);
    }
}
