package io.mandate.agent.instrumentation.http.apache5;

import io.mandate.bootstrap.http.ExchangeContext;
import io.mandate.bootstrap.http.HttpDispatch;
import net.bytebuddy.asm.Advice;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.core5.http.HttpRequest;

/**
 * Inlined into the async {@code AsyncExecChainElement.execute(request, entity, scope, callback)}: as
 * {@link ClassicChainAdvice}, in the chain context the exchange started in (a redirect hop runs on an
 * I/O thread). A denial thrown here fails the execution from outside the retry element: the first
 * request's in {@code doExecute}, which fails the future and calls the callback's {@code failed}; a
 * hop's in {@code AsyncRedirectExec}, which hands it to the same callback.
 */
final class AsyncChainAdvice {
    private AsyncChainAdvice() {
    }

    // Object in the signature: the agent loader reads advice signatures and cannot see HttpClient's types.
    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) Object request, @Advice.Argument(2) Object scope) throws Throwable {
        AsyncExecChain.Scope run = (AsyncExecChain.Scope) scope;
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
