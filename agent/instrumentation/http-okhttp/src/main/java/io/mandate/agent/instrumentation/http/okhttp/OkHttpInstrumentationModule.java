package io.mandate.agent.instrumentation.http.okhttp;

import io.mandate.agent.instrumentation.AgentServices;
import io.mandate.agent.instrumentation.InstrumentationModule;
import io.mandate.agent.instrumentation.http.common.BridgeLinkage;
import io.mandate.agent.instrumentation.http.common.ClientLibraryHooks;
import io.mandate.agent.instrumentation.Transformations;

import static io.mandate.agent.instrumentation.AdviceReader.onFirstUse;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Decides every request of OkHttp 4.x and 5.x (operation {@code http}, resource the method and URL
 * without query), {@code execute} and {@code enqueue} alike: both run the call's interceptor chain,
 * where the hooks sit, so clients and calls created before a late attach are decided too.
 * <ul>
 *   <li>{@code RetryAndFollowUpInterceptor.intercept}: the first request, as the application's
 *   interceptors left it, decided before the retry loop (a denial must not look like a failed
 *   connection the loop could retry);</li>
 *   <li>{@code RetryAndFollowUpInterceptor.followUpRequest}: each redirect (or other follow-up)
 *   request, decided before it is sent; a denied hop closes the response that asked for it and
 *   fails the call;</li>
 *   <li>{@code ConnectInterceptor.intercept}: opening the connection and exchanging the request is the
 *   decided request's work, held in the call guard so a socket egress hook does not decide it again;</li>
 *   <li>5.x {@code ConnectPlan.connectTcp}/{@code connectTlsEtc}: with fast fallback (the 5.x default)
 *   the connect attempts run on task runner threads, outside the interceptor, and are guarded there.</li>
 *   <li>{@code Exchange.ResponseBodySource.read}: the response body's bytes, as the application reads
 *   them, count toward {@code limit http bytes}.</li>
 * </ul>
 * The same classes and signatures in 4.12 and 5.x. Only loaders that resolve the bridge get the advice.
 */
public final class OkHttpInstrumentationModule implements InstrumentationModule {
    static final String RETRY_AND_FOLLOW_UP = "okhttp3.internal.http.RetryAndFollowUpInterceptor";
    static final String CONNECT = "okhttp3.internal.connection.ConnectInterceptor";
    /** 5.x: a route's connect attempt, on a task runner thread when fast fallback races routes. */
    static final String CONNECT_PLAN = "okhttp3.internal.connection.ConnectPlan";
    /** The source every response body reads from the connection. */
    static final String BODY_SOURCE = "okhttp3.internal.connection.Exchange$ResponseBodySource";

    private final ClientLibraryHooks hooks = new ClientLibraryHooks();

    @Override
    public String name() {
        return "http-okhttp";
    }

    @Override
    public void install(Transformations transformations, AgentServices services) {
        BridgeLinkage installed = hooks.install(services);
        transformations
                .type(named(RETRY_AND_FOLLOW_UP), installed.loaders())
                .transform(onFirstUse(FirstRequestAdvice.class, named("intercept").and(takesArguments(1))))
                .transform(onFirstUse(FollowUpAdvice.class, named("followUpRequest").and(takesArguments(2))))
                .type(named(CONNECT), installed.loaders())
                .transform(onFirstUse(ConnectAdvice.class, named("intercept").and(takesArguments(1))))
                .type(named(CONNECT_PLAN), installed.loaders())
                .transform(onFirstUse(ConnectAdvice.class, namedOneOf("connectTcp", "connectTlsEtc").and(takesArguments(0))))
                .type(named(BODY_SOURCE), installed.loaders())
                .transform(onFirstUse(BodyReadAdvice.class, named("read").and(takesArguments(2))));
    }

    @Override
    public void uninstall() {
        hooks.uninstall();
    }
}
