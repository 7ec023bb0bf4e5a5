package io.mandate.agent.instrumentation.http.jdk;

import io.mandate.bootstrap.http.JdkClientExchanges;

import net.bytebuddy.asm.Advice;

import java.net.http.HttpClient;

/**
 * Inlined into the {@code MultiExchange} constructors: inside {@code HttpClientImpl.sendAsync} the
 * request is decided and copied by now, and the exchange's internal stages are about to be built,
 * so the sending thread leaves its chain here until sendAsync returns (see {@link JdkClientExchanges}).
 */
final class ExchangeAdvice {
    private ExchangeAdvice() {
    }

    /** {@code client} is the exchange's {@code HttpClientImpl} (a final field in JDK 17 to 25). */
    @Advice.OnMethodExit
    static void exit(@Advice.This Object exchange, @Advice.FieldValue("client") HttpClient client) {
        JdkClientExchanges.exchangeMade(exchange, client == null || client.followRedirects() != HttpClient.Redirect.NEVER);
    }
}
