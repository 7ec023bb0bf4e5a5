package io.mandate.agent.instrumentation.net.runtime;

import java.net.InetAddress;

/**
 * The endpoints a thread connected to lately, so a repeated connect (a pool reconnecting, a client
 * polling one server) formats no strings. Direct-mapped and per thread: no locks, a bounded size,
 * and a lookup that compares the host string, the address and the port without allocating.
 */
final class EndpointCache {
    private static final int SLOTS = 32;

    private final Endpoint[] slots = new Endpoint[SLOTS];

    Endpoint endpoint(String host, InetAddress address, int port) {
        int slot = (host.hashCode() * 31 + port) & (SLOTS - 1);
        Endpoint cached = slots[slot];
        if (cached != null && cached.sameTarget(host, address, port)) {
            return cached;
        }
        Endpoint fresh = Endpoint.of(host, address, port);
        slots[slot] = fresh;
        return fresh;
    }
}
