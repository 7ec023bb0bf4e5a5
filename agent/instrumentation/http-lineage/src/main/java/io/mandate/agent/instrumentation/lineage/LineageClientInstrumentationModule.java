package io.mandate.agent.instrumentation.lineage;

import io.mandate.agent.instrumentation.AdviceReader;
import io.mandate.agent.instrumentation.AgentServices;
import io.mandate.agent.instrumentation.InstrumentationModule;
import io.mandate.agent.instrumentation.http.common.BridgeLinkage;
import io.mandate.agent.journal.RunIdentity;
import io.mandate.bootstrap.lineage.OutgoingLineage;
import io.mandate.agent.instrumentation.Transformations;


import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Puts the signed lineage header (docs/lineage.md) on the outgoing requests of a chain, for every
 * HTTP client the agent decides. It never decides anything: the HTTP enforcement reports each
 * decision to {@link OutgoingLineage}, and this module's advice, at the point where each client
 * writes that request's headers, asks it right after, so only a request the policy let through,
 * made in a chain, carries the header.
 * <ul>
 *   <li>{@code java.net.http.HttpClient}: the constructor of the client's private copy of the request;</li>
 *   <li>{@code HttpURLConnection} (http and https): {@code plainConnect0} exit, per connection and hop;</li>
 *   <li>OkHttp 4.x and 5.x: {@code RealInterceptorChain.proceed}, into the network side of the chain.</li>
 * </ul>
 * Without a journal (the agent started with onError=open and no journal) there is no run key: the
 * module stays out, and no request carries lineage.
 */
public final class LineageClientInstrumentationModule implements InstrumentationModule {
    static final String JDK_REQUEST_COPY = "jdk.internal.net.http.HttpRequestImpl";
    static final String URL_CONNECTION = "sun.net.www.protocol.http.HttpURLConnection";
    static final String OKHTTP_CHAIN = "okhttp3.internal.http.RealInterceptorChain";

    private volatile BridgeLinkage linkage;

    @Override
    public String name() {
        return "http-lineage";
    }

    @Override
    public void install(Transformations transformations, AgentServices services) {
        RunIdentity identity = services.runIdentity();
        if (identity == null) {
            return;
        }
        OutgoingLineage.preload();
        OutgoingLineage.install(new LineageSigner(identity, System::currentTimeMillis, services::internalError));
        BridgeLinkage installed = new BridgeLinkage(OutgoingLineage.class);
        linkage = installed;
        transformations
                .type(named(JDK_REQUEST_COPY))
                .transform(AdviceReader.onFirstUse(JdkClientHeaderAdvice.class, isConstructor().and(takesArguments(2))
                        .and(takesArgument(0, named("java.net.http.HttpRequest")))))
                .type(named(URL_CONNECTION))
                .transform(AdviceReader.onFirstUse(UrlConnectionHeaderAdvice.class, named("plainConnect0").and(takesArguments(0))))
                .type(named(OKHTTP_CHAIN), installed.loaders())
                .transform(AdviceReader.onFirstUse(OkHttpHeaderAdvice.class, named("proceed").and(takesArguments(1))));
    }

    @Override
    public List<String> jdkClassPrefixes() {
        return List.of(JDK_REQUEST_COPY, URL_CONNECTION);
    }

    @Override
    public void uninstall() {
        OutgoingLineage.uninstall();
        BridgeLinkage installed = linkage;
        if (installed != null) {
            installed.forget();
        }
        linkage = null;
    }

}
