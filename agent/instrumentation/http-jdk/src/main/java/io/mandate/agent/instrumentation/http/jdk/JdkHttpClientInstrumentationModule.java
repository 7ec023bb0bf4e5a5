package io.mandate.agent.instrumentation.http.jdk;

import io.mandate.agent.instrumentation.AgentServices;
import io.mandate.agent.instrumentation.InstrumentationModule;
import io.mandate.agent.instrumentation.http.common.ClientLibraryHooks;
import io.mandate.agent.instrumentation.http.common.ResponseByteMeter;
import io.mandate.bootstrap.http.HttpDispatch;
import io.mandate.agent.instrumentation.Transformations;

import static io.mandate.agent.instrumentation.AdviceReader.onFirstUse;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Decides every request of {@code java.net.http.HttpClient} (operation {@code http}, resource the
 * method and URL without query). Hooks the implementation class's execution points, not the
 * builder, so clients built before a late attach are decided too:
 * <ul>
 *   <li>the private 4-argument {@code HttpClientImpl.sendAsync}, where {@code send} and both public
 *   {@code sendAsync} end: the first request is decided on the calling thread, and a denied one
 *   gets an already failed future (so {@code sendAsync} callers see it complete exceptionally);</li>
 *   <li>{@code HttpClientImpl.send}: the JDK rewraps an asynchronous failure in a new IOException;
 *   a denial behind it is thrown as itself;</li>
 *   <li>the {@code MultiExchange} constructors: the rest of sendAsync, which builds the exchange's
 *   internal stages, runs detached from the chain ({@link io.mandate.bootstrap.http.JdkClientExchanges});</li>
 *   <li>{@code RedirectFilter.response}: each redirect hop is decided before its request is sent,
 *   in the chain its exchange was sent in, and a denied hop fails the exchange there;</li>
 *   <li>{@code PlainHttpConnection.connectAsync} (https connections wrap it): the socket connect is
 *   the decided request's work, held in the call guard so a socket egress hook does not decide it
 *   again.</li>
 * </ul>
 * In a chain, or when the policy limits http bytes, {@code sendAsync} also wraps the request's body
 * handler ({@link ChainBodyHandler}): the handler and its subscriber run in the chain the request
 * was sent in, on the client's threads, and the body's bytes are counted as the client hands them
 * to the application's subscriber.
 * All five exist with these signatures (the constructors with any) in JDK 17 through 25. Needs from the agent: java.net.http
 * reading the bridge's module, retransformation without class format changes.
 */
public final class JdkHttpClientInstrumentationModule implements InstrumentationModule {
    static final String CLIENT = "jdk.internal.net.http.HttpClientImpl";
    static final String REDIRECT_FILTER = "jdk.internal.net.http.RedirectFilter";
    static final String PLAIN_CONNECTION = "jdk.internal.net.http.PlainHttpConnection";
    static final String MULTI_EXCHANGE = "jdk.internal.net.http.MultiExchange";

    @Override
    public String name() {
        return "http-jdk";
    }

    @Override
    public void install(Transformations transformations, AgentServices services) {
        // Loading bridge classes from inside a java.net.http class while it is transformed could recurse:
        // the shared install preloads them.
        ResponseByteMeter meter = ClientLibraryHooks.installShared(services);
        HttpDispatch.installBodyHandlers(ChainBodyHandler.factory(meter));
        transformations
                .type(named(CLIENT))
                .transform(onFirstUse(SendAsyncAdvice.class, named("sendAsync").and(takesArguments(4))))
                .transform(onFirstUse(SendAdvice.class, named("send").and(takesArguments(2))))
                .type(named(MULTI_EXCHANGE))
                .transform(onFirstUse(ExchangeAdvice.class, isConstructor()))
                .type(named(REDIRECT_FILTER))
                .transform(onFirstUse(RedirectAdvice.class, named("response").and(takesArguments(1))))
                .type(named(PLAIN_CONNECTION))
                .transform(onFirstUse(ConnectAdvice.class, named("connectAsync").and(takesArguments(1))));
    }

    @Override
    public java.util.List<String> jdkClassPrefixes() {
        return java.util.List.of("jdk.internal.net.http.");
    }

    @Override
    public void uninstall() {
        ClientLibraryHooks.uninstallShared();
    }
}
