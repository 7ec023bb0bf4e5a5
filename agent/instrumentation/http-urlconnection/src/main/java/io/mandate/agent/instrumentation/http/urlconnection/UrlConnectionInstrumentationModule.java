package io.mandate.agent.instrumentation.http.urlconnection;

import io.mandate.agent.instrumentation.AgentServices;
import io.mandate.agent.instrumentation.InstrumentationModule;
import io.mandate.agent.instrumentation.http.common.ClientLibraryHooks;
import io.mandate.agent.instrumentation.Transformations;

import static io.mandate.agent.instrumentation.AdviceReader.onFirstUse;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Decides every connection the JDK's {@code HttpURLConnection} opens (operation {@code http},
 * resource the method and URL without query): {@code connect}, {@code getInputStream},
 * {@code getOutputStream}, {@code URL.openStream}, http and https (the https connection delegates
 * to the same implementation class), and every redirect hop, which reconnects to its new URL.
 *
 * One hook: {@code sun.net.www.protocol.http.HttpURLConnection.plainConnect0}, where every
 * connection of a request is opened, before any byte of the request is written. The socket connect
 * inside it is the request's work (held in the call guard). Present in JDK 17 through 25.
 *
 * The response body's bytes count toward {@code limit http bytes} as the application reads them
 * from {@code HttpInputStream}, the stream {@code getInputStream} returns for http and https alike
 * ({@code read()} and {@code read(byte[], int, int)}; {@code read(byte[])} and the inherited
 * {@code readAllBytes}/{@code transferTo} call the latter).
 */
public final class UrlConnectionInstrumentationModule implements InstrumentationModule {
    static final String CONNECTION = "sun.net.www.protocol.http.HttpURLConnection";
    static final String BODY_STREAM = CONNECTION + "$HttpInputStream";

    @Override
    public String name() {
        return "http-urlconnection";
    }

    @Override
    public void install(Transformations transformations, AgentServices services) {
        // Loading bridge classes from inside HttpURLConnection while it is transformed could recurse:
        // the shared install preloads them.
        ClientLibraryHooks.installShared(services);
        transformations.type(named(CONNECTION))
                .transform(onFirstUse(ConnectAdvice.class, named("plainConnect0").and(takesArguments(0))))
                .type(named(BODY_STREAM))
                .transform(onFirstUse(BodyReadAdvice.class, named("read").and(takesArguments(byte[].class, int.class, int.class))))
                .transform(onFirstUse(BodyByteReadAdvice.class, named("read").and(takesArguments(0))));
    }

    @Override
    public java.util.List<String> jdkClassPrefixes() {
        return java.util.List.of("sun.net.www.protocol.http.");
    }

    @Override
    public void uninstall() {
        ClientLibraryHooks.uninstallShared();
    }
}
