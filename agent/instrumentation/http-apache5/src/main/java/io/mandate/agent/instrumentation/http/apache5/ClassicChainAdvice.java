package io.mandate.agent.instrumentation.http.apache5;

import io.mandate.bootstrap.http.ExchangeContext;
import io.mandate.bootstrap.http.HttpDispatch;
import net.bytebuddy.asm.Advice;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.core5.http.HttpRequest;

/**
 * Inlined into the classic {@code ExecChainElement.execute(request, scope)}, which runs each element
 * of the execution chain: the first element to run a scope (an execution's first request, or a
 * redirect hop) decides its request on the scope's route target, where the connection goes; a
 * denial is thrown before the element's handler runs.
 */
final class ClassicChainAdvice {
    private ClassicChainAdvice() {
    }

    // Object in the signature: the agent loader reads advice signatures and cannot see HttpClient's types.
    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) Object request, @Advice.Argument(1) Object scope) throws Throwable {
        ExecChain.Scope run = (ExecChain.Scope) scope;
        if (request == null || run == null || run.clientContext == null || run.route == null) {
            return; // the client's own checks refuse it
        }
        ExchangeContext exchange = ExchangeContext.toDecide(run.clientContext.getAttribute(ExchangeContext.ATTRIBUTE),
                run.exchangeId, run);
        if (exchange != null) {
            run.clientContext.setAttribute(ExchangeContext.ATTRIBUTE, exchange);
            String path = ((HttpRequest) request).getPath();
            Throwable denial = HttpDispatch.decideNowIn(exchange, ((HttpRequest) request).getMethod(),
                    run.route.getTargetHost().toURI() + (path == null ? "/" : path));
            if (denial != null) {
                throw denial;
            }
        }
    }
}
