package io.mandate.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The client side of one exchange: connects to an agent's socket, sends one command, reads the one
 * reply, within a deadline (an agent that does not answer must not hang the operator's terminal).
 */
public final class ControlConnection implements AutoCloseable {
    private final SocketChannel channel;
    private final Selector selector;

    private ControlConnection(SocketChannel channel, Selector selector) {
        this.channel = channel;
        this.selector = selector;
    }

    /** @throws IOException when nobody listens on {@code socket} (no agent, or a stale file) */
    public static ControlConnection open(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.configureBlocking(false);
            Selector selector = Selector.open();
            return new ControlConnection(channel, selector);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Sends {@code request} and waits for the reply.
     *
     * @throws IOException on a broken connection, or when no reply came within {@code timeout}
     */
    public ControlMessage exchange(ControlMessage request, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteBuffer frame = request.encodeFrame();
        SelectionKey key = channel.register(selector, SelectionKey.OP_WRITE);
        while (frame.hasRemaining()) {
            await(deadline);
            channel.write(frame);
        }
        key.interestOps(SelectionKey.OP_READ);
        ByteBuffer header = ByteBuffer.allocate(4);
        readFully(header, deadline);
        header.flip();
        ByteBuffer payload = ByteBuffer.allocate(ControlMessage.checkedPayloadLength(header.getInt()));
        readFully(payload, deadline);
        payload.flip();
        return ControlMessage.decodePayload(payload);
    }

    private void readFully(ByteBuffer buffer, long deadline) throws IOException {
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer);
            if (read < 0) {
                throw new IOException("the agent closed the connection without a reply");
            }
            if (read == 0) {
                await(deadline);
            }
        }
    }

    private void await(long deadline) throws IOException {
        long remainingMillis = (deadline - System.nanoTime()) / 1_000_000L;
        if (remainingMillis <= 0 || selector.select(remainingMillis) == 0 && System.nanoTime() >= deadline) {
            throw new IOException("no reply from the agent within the time limit");
        }
        selector.selectedKeys().clear();
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }
}
