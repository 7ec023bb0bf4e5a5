package io.mandate.benchmarks.apps;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The raw-egress workload: a TCP connect to the harness's loopback acceptor and a close. The close
 * resets the connection (linger 0) so tens of thousands of connects leave no TIME_WAIT sockets
 * behind to exhaust the ephemeral ports.
 */
final class SocketConnectLoop implements CallLoop {
    private final InetSocketAddress target;
    private long connects;

    SocketConnectLoop(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        this.target = new InetSocketAddress(hostAndPort.substring(0, colon),
                Integer.parseInt(hostAndPort.substring(colon + 1)));
    }

    @Override
    public void call() throws IOException {
        try (Socket socket = new Socket()) {
            socket.setSoLinger(true, 0);
            socket.connect(target, 5_000);
            connects++;
        }
    }

    long connects() {
        return connects;
    }
}
