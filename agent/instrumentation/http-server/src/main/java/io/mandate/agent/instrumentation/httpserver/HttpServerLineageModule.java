package io.mandate.agent.instrumentation.httpserver;

import io.mandate.agent.instrumentation.AdviceReader;
import io.mandate.agent.instrumentation.AgentServices;
import io.mandate.agent.instrumentation.InstrumentationModule;
import io.mandate.agent.instrumentation.http.common.BridgeLinkage;
import io.mandate.agent.instrumentation.lineage.LineageVerifier;
import io.mandate.agent.instrumentation.lineage.TrustedKeys;
import io.mandate.bootstrap.lineage.IncomingLineage;
import io.mandate.agent.instrumentation.Transformations;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.nameEndsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * The receiving side of lineage (docs/lineage.md): a request that arrives with a lineage header
 * signed by a trusted key is handled in a chain continued from the sender's.
 * <ul>
 *   <li>JDK {@code com.sun.net.httpserver}: {@code Filter.Chain.doFilter}, which runs every exchange's
 *   filters and handler;</li>
 *   <li>jakarta servlet containers (Tomcat 10+, Jetty 12 ee10): the container's filter chain (classes
 *   implementing {@code jakarta.servlet.FilterChain} whose name ends in "Chain", as Tomcat's
 *   {@code ApplicationFilterChain} and Jetty's {@code ServletHandler$Chain} do) and
 *   {@code HttpServlet.service(ServletRequest, ServletResponse)} for servlets reached without
 *   filters.</li>
 * </ul>
 * The trusted keys come from the {@code lineageTrust} setting; a file that cannot be read fails the
 * module's install (onError decides). With none configured every header is journaled as untrusted.
 */
public final class HttpServerLineageModule implements InstrumentationModule {
    static final String JDK_FILTER_CHAIN = "com.sun.net.httpserver.Filter$Chain";
    static final String HTTP_SERVLET = "jakarta.servlet.http.HttpServlet";
    static final String FILTER_CHAIN = "jakarta.servlet.FilterChain";
    static final String SERVLET_REQUEST = "jakarta.servlet.ServletRequest";

    private volatile BridgeLinkage linkage;

    @Override
    public String name() {
        return "http-server-lineage";
    }

    @Override
    public void install(Transformations transformations, AgentServices services) {
        TrustedKeys trusted = TrustedKeys.read(services.config().lineageTrust());
        IncomingLineage.preload();
        IncomingLineage.install(new ContinuedChains(new LineageVerifier(trusted), services.config().agent(),
                services.journal(), System::currentTimeMillis, services::internalError));
        BridgeLinkage installed = new BridgeLinkage(IncomingLineage.class);
        linkage = installed;
        ElementMatcher.Junction<MethodDescription> servletEntry = takesArguments(2)
                .and(takesArgument(0, named(SERVLET_REQUEST)));
        transformations
                .type(named(JDK_FILTER_CHAIN))
                .transform(AdviceReader.onFirstUse(JdkServerAdvice.class, named("doFilter").and(takesArguments(1))))
                .type(named(HTTP_SERVLET), installed.loaders())
                .transform(AdviceReader.onFirstUse(ServletAdvice.class, named("service").and(servletEntry)))
                .type(not(isInterface()).and(nameEndsWith("Chain")).and(hasSuperType(named(FILTER_CHAIN))),
                        installed.loaders())
                .transform(AdviceReader.onFirstUse(ServletAdvice.class, named("doFilter").and(servletEntry)));
    }

    @Override
    public List<String> jdkClassPrefixes() {
        return List.of(JDK_FILTER_CHAIN);
    }

    @Override
    public void uninstall() {
        IncomingLineage.uninstall();
        BridgeLinkage installed = linkage;
        if (installed != null) {
            installed.forget();
        }
        linkage = null;
    }

}
