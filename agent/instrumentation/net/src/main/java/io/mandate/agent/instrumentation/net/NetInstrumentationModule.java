package io.mandate.agent.instrumentation.net;

import io.mandate.agent.instrumentation.AdviceReader;
import io.mandate.agent.instrumentation.AgentServices;
import io.mandate.agent.instrumentation.InstrumentationModule;
import io.mandate.agent.instrumentation.net.advice.AsyncConnectAdvice;
import io.mandate.agent.instrumentation.net.advice.DatagramConnectAdvice;
import io.mandate.agent.instrumentation.net.advice.DatagramSendAdvice;
import io.mandate.agent.instrumentation.net.advice.NativeConnectAdvice;
import io.mandate.agent.instrumentation.net.advice.SocketChannelConnectAdvice;
import io.mandate.agent.instrumentation.net.advice.SocketConnectAdvice;
import io.mandate.agent.instrumentation.net.runtime.NetEnforcement;
import io.mandate.bootstrap.net.NetDispatch;
import io.mandate.agent.instrumentation.Transformations;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;

import java.net.InetAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

import static io.mandate.agent.instrumentation.AdviceReader.applying;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * The raw egress catch-all: decides every TCP connect and UDP connect or send the JDK makes, so
 * Netty, gRPC, a hand-written HTTP request or any future client is decided, as {@code net connect}
 * of {@code host:port} (and of the address it resolved to). See docs/network-egress.md for the
 * choke points, attribution to enclosing decided calls, DNS and what is left out.
 *
 * Every hook is a method of a java.base class, advised by name (present in JDK 17 and 25; one
 * missing on another version simply does not apply), so sockets created before a late attach are
 * decided once their classes are retransformed. The advice adds no members.
 */
public final class NetInstrumentationModule implements InstrumentationModule {
    static final String SOCKET = "java.net.Socket";
    static final String SOCKET_CHANNEL = "sun.nio.ch.SocketChannelImpl";
    static final String ASYNC_SOCKET_CHANNEL = "sun.nio.ch.AsynchronousSocketChannelImpl";
    static final String DATAGRAM_CHANNEL = "sun.nio.ch.DatagramChannelImpl";
    static final String NET = "sun.nio.ch.Net";

    @Override
    public String name() {
        return "net";
    }

    @Override
    public void install(Transformations transformations, AgentServices services) {
        // Loading bridge classes from inside a socket class being transformed could recurse.
        NetDispatch.preload();
        // Advice is read here, not in the transformers: reading it resolves the JDK types it names,
        // which must not happen while one of them is being loaded.
        AsmVisitorWrapper socketConnect = AdviceReader.of(SocketConnectAdvice.class)
                .on(named("connect").and(takesArguments(SocketAddress.class, int.class)));
        AsmVisitorWrapper channelConnect = AdviceReader.of(SocketChannelConnectAdvice.class)
                .on(named("connect").and(takesArguments(SocketAddress.class))
                        .or(named("blockingConnect").and(takesArguments(SocketAddress.class, long.class))));
        AsmVisitorWrapper asyncConnect = AdviceReader.of(AsyncConnectAdvice.class)
                .on(named("connect").and(takesArgument(0, SocketAddress.class)));
        AsmVisitorWrapper nativeConnect = AdviceReader.of(NativeConnectAdvice.class)
                .on(named("connect").and(isStatic()).and(takesArguments(4)).and(takesArgument(2, InetAddress.class)));
        AsmVisitorWrapper datagramConnect = AdviceReader.of(DatagramConnectAdvice.class)
                .on(named("connect").and(takesArguments(SocketAddress.class, boolean.class)));
        AsmVisitorWrapper datagramSend = AdviceReader.of(DatagramSendAdvice.class)
                .on(namedOneOf("send", "blockingSend").and(takesArguments(ByteBuffer.class, SocketAddress.class)));

        NetDispatch.install(new NetEnforcement(services.enforcer(), services::internalError));
        transformations
                .type(named(SOCKET)).transform(applying(socketConnect))
                .type(named(SOCKET_CHANNEL)).transform(applying(channelConnect))
                .type(named(ASYNC_SOCKET_CHANNEL)).transform(applying(asyncConnect))
                .type(named(NET)).transform(applying(nativeConnect))
                .type(named(DATAGRAM_CHANNEL)).transform(applying(datagramConnect)).transform(applying(datagramSend));
    }

    @Override
    public java.util.List<String> jdkClassPrefixes() {
        // the classes themselves, not their packages: ~50 classes of java.net and sun.nio.ch are loaded
        // before premain, and each one a prefix admits is read back and parsed at every start
        return java.util.List.of(SOCKET, SOCKET_CHANNEL, ASYNC_SOCKET_CHANNEL, DATAGRAM_CHANNEL, NET);
    }

    @Override
    public void uninstall() {
        NetDispatch.uninstall();
    }

}
