package io.mandate.agent.instrumentation.http.jdk;

import io.mandate.bootstrap.http.HttpDispatch;
import net.bytebuddy.asm.Advice;

import java.net.http.HttpRequest;

/**
 * Inlined into {@code RedirectFilter.response}, which answers the request to follow a redirect
 * with (null when there is none): the hop is decided before the client sends it, and a denied hop
 * throws, which the client turns into the exchange's failure. Runs on whichever thread completes
 * the previous response: the hop is decided in the chain its exchange (the filter's
 * {@code exchange}, a MultiExchange in JDK 17 to 25) was sent in.
 */
final class RedirectAdvice {
    private RedirectAdvice() {
    }

    @Advice.OnMethodExit
    static void exit(@Advice.FieldValue("exchange") Object exchange, @Advice.Return Object next) throws Throwable {
        if (next instanceof HttpRequest) {
            HttpRequest hop = (HttpRequest) next;
            Throwable denial = HttpDispatch.decideHopOf(exchange, hop.method(), String.valueOf(hop.uri()));
            if (denial != null) {
                throw denial;
            }
        }
    }
}
