package io.mandate.agent.control;

import io.mandate.agent.diagnostics.InternalErrors;
import io.mandate.agent.journal.ProcessId;
import io.mandate.bootstrap.CallGuard;
import io.mandate.control.ControlMessage;
import io.mandate.control.ControlSockets;
import io.mandate.control.MalformedMessageException;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.security.PrivateKey;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

/**
 * The agent's end of the control channel: a Unix-domain socket at
 * {@code ${java.io.tmpdir}/mandate-<user>/<pid>.sock} served by one daemon thread,
 * {@value #THREAD_NAME}. One request and one reply per connection.
 *
 * The thread never touches the application: it runs inside the call guard (nothing it does is a
 * call to decide, whatever instrumentation is installed), it is non-blocking (a client that
 * connects and sends nothing, or a stopped CLI, cannot hold up a revoke behind it: idle
 * connections are dropped after {@link #IDLE_LIMIT_NANOS}), and every failure is reported to the
 * agent's internal errors and ends, at worst, the channel, never the application.
 */
public final class ControlServer {
    public static final String THREAD_NAME = "mandate-control";
    static final long IDLE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final ControlCommands commands;
    private final ControlSockets sockets;
    private final InternalErrors errors;
    private final long pid = ProcessId.current();
    private volatile boolean stopping;
    private volatile Selector selector;
    private volatile Path socket;
    private Thread cleanupHook;

    private final PrivateKey operatorKey;

    private ControlServer(ControlCommands commands, ControlSockets sockets, InternalErrors errors, PrivateKey operatorKey) {
        this.commands = commands;
        this.sockets = sockets;
        this.errors = errors;
        this.operatorKey = operatorKey;
    }

    /**
     * Starts serving on a thread of its own; deriving the operator's public key and binding happen
     * there too, off the application's start.
     *
     * @param operatorKey the configured operator key, or null
     */
    public static ControlServer start(ControlCommands commands, ControlSockets sockets, InternalErrors errors,
                                      PrivateKey operatorKey) {
        ControlServer server = new ControlServer(commands, sockets, errors, operatorKey);
        Thread thread = new Thread(server::serve, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
        return server;
    }

    /** Closes the socket and removes its file; the thread ends. Safe from any thread, more than once. */
    public void stop() {
        stopping = true;
        Selector current = selector;
        if (current != null) {
            current.wakeup();
        }
    }

    private void serve() {
        CallGuard.enter(); // for the life of this thread: its socket and file work is the agent's own
        try {
            if (operatorKey != null) {
                deriveOperatorKey();
            }
            ServerSocketChannel server = bind();
            if (server != null) {
                try (Selector opened = Selector.open(); server) {
                    selector = opened;
                    server.configureBlocking(false);
                    server.register(opened, SelectionKey.OP_ACCEPT);
                    loop(opened, server);
                } finally {
                    removeSocketFile();
                }
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            errors.report("the control channel (mandate status, revoke, reload… no longer reach this JVM)", e);
        }
    }

    private void deriveOperatorKey() {
        try {
            commands.operatorKey(OperatorPublicKey.of(operatorKey));
        } catch (RuntimeException | LinkageError e) {
            // the channel still serves status and revoke; widening commands are refused
            errors.report("deriving the operator's public key (signed control commands are refused)", e);
        }
    }

    private ServerSocketChannel bind() throws IOException {
        Path directory = sockets.prepareDirectory();
        Path path = sockets.socketOf(pid);
        Files.deleteIfExists(path); // a stale file of an earlier process with this pid
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(path));
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on " + path + " in " + directory + ": " + e.getMessage(), e);
        }
        socket = path;
        commands.socketPath(path.toString());
        System.setProperty(ControlSockets.SOCKET_PROPERTY, path.toString());
        // the hook deletes the agent's own socket file: inside the guard, or the file policy would decide it
        Thread hook = new Thread(() -> CallGuard.runUnguarded(this::removeSocketFile), "mandate-control-cleanup");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            cleanupHook = hook;
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already going down; the loop ends with it
        }
        return server;
    }

    private void loop(Selector opened, ServerSocketChannel server) throws IOException {
        UserPrincipal owner = ControlSockets.currentUser();
        while (!stopping) {
            opened.select(1000);
            Iterator<SelectionKey> ready = opened.selectedKeys().iterator();
            while (ready.hasNext()) {
                SelectionKey key = ready.next();
                ready.remove();
                try {
                    if (key.isAcceptable()) {
                        accept(server, opened, owner);
                    } else if (key.isReadable()) {
                        read(key);
                    } else if (key.isWritable()) {
                        write(key);
                    }
                } catch (IOException | MalformedMessageException e) {
                    close(key); // a client that went away or sent garbage: only its connection ends
                } catch (RuntimeException | LinkageError e) {
                    errors.report("a control command", e);
                    close(key);
                }
            }
            dropIdle(opened);
        }
    }

    private void accept(ServerSocketChannel server, Selector opened, UserPrincipal owner) throws IOException {
        SocketChannel channel = server.accept();
        if (channel == null) {
            return;
        }
        channel.configureBlocking(false);
        UnixDomainPrincipal credentials = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
        Peer peer = new Peer(credentials.user().getName(), credentials.user().equals(owner));
        SelectionKey key = channel.register(opened, SelectionKey.OP_READ, new Connection(peer));
        // A client writes its command right after connecting, so it is usually there already: reading
        // now, not after the next select, saves a wake-up of this thread, which on a loaded machine is
        // most of the time a revoke takes to reach the next call.
        try {
            read(key);
        } catch (IOException | MalformedMessageException e) {
            close(key); // only this client's connection; the caller's key is the server's
        }
    }

    private void read(SelectionKey key) throws IOException {
        Connection connection = (Connection) key.attachment();
        SocketChannel channel = (SocketChannel) key.channel();
        ByteBuffer buffer = connection.payload != null ? connection.payload : connection.header;
        if (channel.read(buffer) < 0) {
            close(key);
            return;
        }
        if (connection.payload == null && !connection.header.hasRemaining()) {
            connection.header.flip();
            connection.payload = ByteBuffer.allocate(ControlMessage.checkedPayloadLength(connection.header.getInt()));
            channel.read(connection.payload);
        }
        if (connection.payload != null && !connection.payload.hasRemaining()) {
            connection.payload.flip();
            ControlCommands.Handled handled = commands.handle(ControlMessage.decodePayload(connection.payload),
                    connection.peer);
            connection.reply = handled.reply.encodeFrame();
            connection.stopAfterReply = handled.stopServer;
            key.interestOps(SelectionKey.OP_WRITE);
            write(key);
        }
    }

    private void write(SelectionKey key) throws IOException {
        Connection connection = (Connection) key.attachment();
        ((SocketChannel) key.channel()).write(connection.reply);
        if (!connection.reply.hasRemaining()) {
            close(key);
            if (connection.stopAfterReply) {
                stop();
            }
        }
    }

    private static void dropIdle(Selector opened) {
        long now = System.nanoTime();
        for (SelectionKey key : opened.keys()) {
            if (key.attachment() instanceof Connection
                    && now - ((Connection) key.attachment()).openedNanos > IDLE_LIMIT_NANOS) {
                close(key);
            }
        }
    }

    private static void close(SelectionKey key) {
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException ignored) {
            // closing a connection the client already dropped
        }
    }

    private void removeSocketFile() {
        Path path = socket;
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException | RuntimeException ignored) {
            // a leftover file is harmless: nothing listens, and `mandate ps` and the next bind clear it
        }
        if (path.toString().equals(System.getProperty(ControlSockets.SOCKET_PROPERTY))) {
            System.clearProperty(ControlSockets.SOCKET_PROPERTY);
        }
        Thread hook = cleanupHook;
        if (hook != null && Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway, harmlessly
            }
        }
    }

    /** One client's request as it arrives and the reply as it leaves. */
    private static final class Connection {
        final Peer peer;
        final long openedNanos = System.nanoTime();
        final ByteBuffer header = ByteBuffer.allocate(4);
        ByteBuffer payload;
        ByteBuffer reply;
        boolean stopAfterReply;

        Connection(Peer peer) {
            this.peer = peer;
        }
    }

    @Override
    public String toString() {
        return "control channel " + socket;
    }
}
