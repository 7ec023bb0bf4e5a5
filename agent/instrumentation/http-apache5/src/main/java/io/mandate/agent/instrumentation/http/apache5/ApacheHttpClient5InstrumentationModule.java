package io.mandate.agent.instrumentation.http.apache5;

import io.mandate.agent.instrumentation.AgentServices;
import io.mandate.agent.instrumentation.InstrumentationModule;
import io.mandate.agent.instrumentation.http.common.BridgeLinkage;
import io.mandate.agent.instrumentation.http.common.ClientLibraryHooks;
import io.mandate.agent.instrumentation.Transformations;

import java.nio.ByteBuffer;

import static io.mandate.agent.instrumentation.AdviceReader.onFirstUse;
import static net.bytebuddy.matcher.ElementMatchers.declaresField;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Decides every request of Apache HttpClient 5 (operation {@code http}, resource the method and URL
 * without query), classic and async, each redirect hop on its own, on execution points only, so
 * clients built before a late attach are decided too:
 * <ul>
 *   <li>{@code ExecChainElement.execute} / {@code AsyncExecChainElement.execute}, which run each element
 *   of the execution chain: every {@code execute} overload of the full clients ends there, with one
 *   scope per request (the execution's first, then one per redirect hop that {@code RedirectExec} /
 *   {@code AsyncRedirectExec} follows; a retry reuses its scope). The first element to run a scope
 *   decides it, on the scope's route target (where the connection goes, whatever the request's own
 *   authority says) and the request's path, before any byte of it is sent;</li>
 *   <li>{@code MinimalHttpClient.doExecute}: the minimal classic client has no chain and no redirects;</li>
 *   <li>guard only, so the socket is the decided request's work and not decided again as {@code net}:
 *   classic {@code ConnectExec.execute}; the async runtimes' {@code acquireEndpoint}/{@code connectEndpoint},
 *   which hand the connect to httpcore5's I/O reactor: the reactor's connect request
 *   ({@code IOSessionRequest}) made under the guard is remembered, and the reactor holds the guard
 *   while it connects for it ({@code processConnectionRequest}) or moves on to the host's next
 *   address ({@code IOSessionRequest.failed}).</li>
 *   <li>{@code EofSensorInputStream.read}: the classic client's response body, as the application reads it,
 *   counts toward {@code limit http bytes};</li>
 *   <li>{@code consume(ByteBuffer)} of the async client's per-request exchange handlers (anonymous
 *   classes of {@code HttpAsyncMainClientExec} and {@code H2AsyncMainClientExec}, matched with the
 *   captured client context they read): the async response body counts toward it, in the chain
 *   the exchange started in.</li>
 * </ul>
 * The same classes and signatures in 5.4 and 5.6 (httpcore5 5.3 and 5.4). Not decided: the minimal
 * async clients ({@code HttpAsyncClients.createMinimal}), which have no chain; their connects stay
 * decided by the net instrumentation. Only loaders that resolve the bridge get the advice.
 */
public final class ApacheHttpClient5InstrumentationModule implements InstrumentationModule {
    static final String CLASSIC_CHAIN = "org.apache.hc.client5.http.impl.classic.ExecChainElement";
    static final String ASYNC_CHAIN = "org.apache.hc.client5.http.impl.async.AsyncExecChainElement";
    static final String MINIMAL_CLIENT = "org.apache.hc.client5.http.impl.classic.MinimalHttpClient";
    static final String CONNECT_EXEC = "org.apache.hc.client5.http.impl.classic.ConnectExec";
    static final String ASYNC_RUNTIME = "org.apache.hc.client5.http.impl.async.InternalHttpAsyncExecRuntime";
    static final String H2_ASYNC_RUNTIME = "org.apache.hc.client5.http.impl.async.InternalH2AsyncExecRuntime";
    static final String REACTOR = "org.apache.hc.core5.reactor.SingleCoreIOReactor";
    static final String SESSION_REQUEST = "org.apache.hc.core5.reactor.IOSessionRequest";
    /** The stream a classic response entity's content is read through. */
    static final String BODY_STREAM = "org.apache.hc.core5.http.io.EofSensorInputStream";
    /** The per-request exchange handlers that hand async response bodies to the application's consumer. */
    static final String ASYNC_EXCHANGE_HANDLER = "org.apache.hc.client5.http.impl.async.HttpAsyncMainClientExec$1";
    static final String H2_ASYNC_EXCHANGE_HANDLER = "org.apache.hc.client5.http.impl.async.H2AsyncMainClientExec$1";

    private final ClientLibraryHooks hooks = new ClientLibraryHooks();

    @Override
    public String name() {
        return "http-apache5";
    }

    @Override
    public void install(Transformations transformations, AgentServices services) {
        BridgeLinkage installed = hooks.install(services);
        transformations
                .type(named(CLASSIC_CHAIN), installed.loaders())
                .transform(onFirstUse(ClassicChainAdvice.class, named("execute").and(takesArguments(2))))
                .type(named(ASYNC_CHAIN), installed.loaders())
                .transform(onFirstUse(AsyncChainAdvice.class, named("execute").and(takesArguments(4))))
                .type(named(MINIMAL_CLIENT), installed.loaders())
                .transform(onFirstUse(MinimalClientAdvice.class, named("doExecute").and(takesArguments(3))))
                .type(named(CONNECT_EXEC), installed.loaders())
                .transform(onFirstUse(ClientWorkAdvice.class, named("execute").and(takesArguments(3))))
                .type(namedOneOf(ASYNC_RUNTIME, H2_ASYNC_RUNTIME), installed.loaders())
                .transform(onFirstUse(ClientWorkAdvice.class, namedOneOf("acquireEndpoint", "connectEndpoint")))
                .type(named(REACTOR), installed.loaders())
                .transform(onFirstUse(ReactorConnectAdvice.class, named("processConnectionRequest").and(takesArguments(2))))
                .type(named(SESSION_REQUEST), installed.loaders())
                .transform(onFirstUse(ReactorRequestAdvice.class, isConstructor()))
                .transform(onFirstUse(ReactorConnectFailedAdvice.class, named("failed").and(takesArguments(1))))
                .type(named(BODY_STREAM), installed.loaders())
                .transform(onFirstUse(BodyReadAdvice.class, named("read").and(takesArguments(byte[].class, int.class, int.class))))
                .transform(onFirstUse(BodyByteReadAdvice.class, named("read").and(takesArguments(0))))
                .type(namedOneOf(ASYNC_EXCHANGE_HANDLER, H2_ASYNC_EXCHANGE_HANDLER)
                        .and(declaresField(named("val$clientContext"))), installed.loaders())
                .transform(onFirstUse(AsyncBodyAdvice.class, named("consume").and(takesArguments(ByteBuffer.class))));
    }

    @Override
    public void uninstall() {
        hooks.uninstall();
    }
}
