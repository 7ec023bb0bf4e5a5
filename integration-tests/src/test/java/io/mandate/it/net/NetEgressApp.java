package io.mandate.it.net;

import io.mandate.api.Chain;
import io.mandate.api.Mandate;
import io.mandate.api.PolicyDenial;
import io.mandate.api.Step;
import io.mandate.it.apps.Observations;

import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.ProtocolFamily;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An agent's tool calls reaching loopback servers through every raw socket API: Socket,
 * SocketChannel, AsynchronousSocketChannel (Future and handler), DatagramSocket and DatagramChannel.
 * The servers run here, on 127.0.0.1 only, on ports the test chose and wrote into the policy: one
 * allowed TCP and UDP port, one denied. Each call runs in a chain of its own and records its
 * outcome; the servers record what reached them, so a denied connect or datagram is shown never to
 * have left.
 *
 * The last call reaches the JDK's native connect step by reflection, as code that opened java.base's
 * internals could (the JVM runs with sun.nio.ch opened to it).
 *
 * Arguments: allowedTcpPort deniedTcpPort allowedUdpPort deniedUdpPort
 */
public final class NetEgressApp {
    static final String AGENT = "net-bot";
    /** 127.0.0.1 without a name (getLoopbackAddress() is named "localhost"): the target is the address alone. */
    private static final InetAddress LOOPBACK = loopback();

    private NetEgressApp() {
    }

    public static void main(String[] args) throws Exception {
        int allowedTcp = Integer.parseInt(args[0]);
        int deniedTcp = Integer.parseInt(args[1]);
        int allowedUdp = Integer.parseInt(args[2]);
        int deniedUdp = Integer.parseInt(args[3]);
        Observations.record("agentAttached", Mandate.agentAttached());
        AtomicInteger deniedTcpAccepted = new AtomicInteger();
        AtomicInteger allowedUdpReceived = new AtomicInteger();
        AtomicInteger deniedUdpReceived = new AtomicInteger();
        try (ServerSocket allowedServer = tcpServer(allowedTcp, new AtomicInteger());
             ServerSocket deniedServer = tcpServer(deniedTcp, deniedTcpAccepted);
             DatagramSocket allowedReceiver = udpReceiver(allowedUdp, allowedUdpReceived);
             DatagramSocket deniedReceiver = udpReceiver(deniedUdp, deniedUdpReceived)) {
            InetSocketAddress allowed = new InetSocketAddress(LOOPBACK, allowedTcp);
            InetSocketAddress denied = new InetSocketAddress(LOOPBACK, deniedTcp);
            InetSocketAddress allowedDatagrams = new InetSocketAddress(LOOPBACK, allowedUdp);
            InetSocketAddress deniedDatagrams = new InetSocketAddress(LOOPBACK, deniedUdp);

            scenario("socket_allowed", () -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("localhost", allowedTcp), 5000);
                }
            });
            scenario("socket_denied", () -> new Socket("127.0.0.1", deniedTcp).close());
            scenario("channel_allowed", () -> SocketChannel.open(allowed).close());
            scenario("channel_denied", () -> {
                try (SocketChannel channel = SocketChannel.open()) {
                    channel.connect(denied);
                }
            });
            scenario("async_allowed", () -> {
                try (AsynchronousSocketChannel channel = AsynchronousSocketChannel.open()) {
                    channel.connect(allowed).get(10, TimeUnit.SECONDS);
                }
            });
            scenario("async_future_denied", () -> {
                try (AsynchronousSocketChannel channel = AsynchronousSocketChannel.open()) {
                    try {
                        channel.connect(denied).get(10, TimeUnit.SECONDS);
                    } catch (ExecutionException e) {
                        Observations.record("async_future_denied.open", channel.isOpen());
                        throw e.getCause();
                    }
                }
            });
            scenario("async_handler_denied", () -> {
                try (AsynchronousSocketChannel channel = AsynchronousSocketChannel.open()) {
                    CompletableFuture<Void> outcome = new CompletableFuture<>();
                    channel.connect(denied, null, new CompletionHandler<Void, Object>() {
                        @Override
                        public void completed(Void result, Object attachment) {
                            outcome.complete(null);
                        }

                        @Override
                        public void failed(Throwable failure, Object attachment) {
                            outcome.completeExceptionally(failure);
                        }
                    });
                    try {
                        outcome.get(10, TimeUnit.SECONDS);
                    } catch (ExecutionException e) {
                        throw e.getCause();
                    }
                }
            });
            scenario("datagram_socket_allowed", () -> {
                try (DatagramSocket socket = new DatagramSocket(0, LOOPBACK)) {
                    socket.send(new DatagramPacket(new byte[] {1}, 1, allowedDatagrams));
                }
            });
            scenario("datagram_socket_denied", () -> {
                try (DatagramSocket socket = new DatagramSocket(0, LOOPBACK)) {
                    socket.send(new DatagramPacket(new byte[] {1}, 1, deniedDatagrams));
                }
            });
            scenario("datagram_socket_connect_denied", () -> {
                try (DatagramSocket socket = new DatagramSocket(0, LOOPBACK)) {
                    socket.connect(deniedDatagrams);
                }
            });
            scenario("datagram_channel_allowed", () -> {
                try (DatagramChannel channel = DatagramChannel.open()) {
                    channel.send(ByteBuffer.wrap(new byte[] {1}), allowedDatagrams);
                }
            });
            scenario("datagram_channel_connect_denied", () -> {
                try (DatagramChannel channel = DatagramChannel.open()) {
                    channel.connect(deniedDatagrams);
                    channel.write(ByteBuffer.wrap(new byte[] {1}));
                }
            });
            scenario("native_bypass_denied", () -> {
                // what code that opened java.base's internals could do to skip every public API
                Class<?> net = Class.forName("sun.nio.ch.Net");
                Method socket = net.getDeclaredMethod("socket", ProtocolFamily.class, boolean.class);
                Method connect = net.getDeclaredMethod("connect", ProtocolFamily.class, FileDescriptor.class,
                        InetAddress.class, int.class);
                socket.setAccessible(true);
                connect.setAccessible(true);
                try {
                    connect.invoke(null, StandardProtocolFamily.INET, socket.invoke(null, StandardProtocolFamily.INET, true),
                            LOOPBACK, deniedTcp);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
            Thread.sleep(300); // let the receivers count what did arrive
            Observations.record("deniedTcpAccepted", deniedTcpAccepted.get());
            Observations.record("allowedUdpReceived", allowedUdpReceived.get());
            Observations.record("deniedUdpReceived", deniedUdpReceived.get());
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Call {
        void run() throws Throwable;
    }

    private static void scenario(String name, Call call) {
        try (Chain chain = Mandate.openChain(AGENT, "reach " + name, "ops");
             Step step = Mandate.openStep(name, Mandate.digest(name))) {
            Observations.record(name + ".chain", chain.id());
            String outcome;
            try {
                call.run();
                outcome = "ok";
            } catch (Throwable e) {
                outcome = describe(e);
            }
            Observations.record(name, outcome);
        }
    }

    private static String describe(Throwable e) {
        if (e instanceof PolicyDenial denial) {
            return "denied rule=" + denial.ruleId() + " reason=" + denial.reason() + " connectException="
                    + (e instanceof java.net.ConnectException) + " message=" + e.getMessage();
        }
        return "failed " + e;
    }

    private static ServerSocket tcpServer(int port, AtomicInteger accepted) throws IOException {
        ServerSocket server = new ServerSocket(port, 50, LOOPBACK);
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket ignored = server.accept()) {
                    accepted.incrementAndGet();
                } catch (IOException e) {
                    return; // closed at the end of the run
                }
            }
        }, "tcp-server-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    private static DatagramSocket udpReceiver(int port, AtomicInteger received) throws IOException {
        DatagramSocket receiver = new DatagramSocket(port, LOOPBACK);
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[64];
            while (!receiver.isClosed()) {
                try {
                    receiver.receive(new DatagramPacket(buffer, buffer.length));
                    received.incrementAndGet();
                } catch (IOException e) {
                    return; // closed at the end of the run
                }
            }
        }, "udp-receiver-" + port);
        reader.setDaemon(true);
        reader.start();
        return receiver;
    }
}
