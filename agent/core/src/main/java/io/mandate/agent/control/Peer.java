package io.mandate.agent.control;

/**
 * Who sent a command: the OS user the kernel vouches for (SO_PEERCRED of the socket), and the pid
 * the client says it has (the JDK cannot read the peer's pid; it is journaled as claimed).
 */
final class Peer {
    final String user;
    final boolean sameUserAsAgent;

    Peer(String user, boolean sameUserAsAgent) {
        this.user = user;
        this.sameUserAsAgent = sameUserAsAgent;
    }
}
