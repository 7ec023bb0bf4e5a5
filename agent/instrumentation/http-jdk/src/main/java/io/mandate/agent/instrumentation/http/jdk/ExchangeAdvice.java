package io.mandate.agent.instrumentation.http.jdk;

import io.mandate.bootstrap.http.JdkClientExchanges;

import net.bytebuddy.asm.Advice;

/**
 * Inlined into the {@code MultiExchange} constructors: inside {@code HttpClientImpl.sendAsync} the
 * request is decided and copied by now, and the exchange's internal stages are about to be built,
 * so the sending thread leaves its chain here until sendAsync returns (see {@link JdkClientExchanges}).
 */
final class ExchangeAdvice {
    private ExchangeAdvice() {
    }

    @Advice.OnMethodExit
    static void exit(@Advice.This Object exchange) {
        JdkClientExchanges.exchangeMade(exchange);
    }
}
