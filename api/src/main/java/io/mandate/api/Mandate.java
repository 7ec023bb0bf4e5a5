package io.mandate.api;

import io.mandate.api.spi.MandateBackend;
import io.mandate.api.spi.NoopBackend;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Entry point for code that wants to tell Mandate what it is doing.
 *
 * <pre>{@code
 * try (Chain chain = Mandate.openChain("support-bot", "answer ticket 42", "alice");
 *      Step step = Mandate.openStep("lookup_customer", Mandate.digest(arguments))) {
 *     ... JDBC, HTTP, file calls here are attributed to this chain and step ...
 * }
 * }</pre>
 *
 * Without the Mandate agent every method is a cheap no-op. With the agent, this class is served
 * from the boot class path, so the application's copy is never used and the agent's backend
 * answers.
 */
public final class Mandate {
    private static volatile MandateBackend backend = NoopBackend.INSTANCE;

    private Mandate() {
    }

    /**
     * Opens a root chain for {@code agent} working for {@code purpose} on behalf of {@code user}; a null or
     * empty {@code agent} is the agent's configured identity.
     */
    public static Chain openChain(String agent, String purpose, String user) {
        return backend.openChain(agent, purpose, user);
    }

    /** Opens a child chain of the current one: the current agent delegates to {@code childAgent}. */
    public static Chain delegate(String childAgent, String purpose) {
        return backend.delegate(childAgent, purpose);
    }

    /** Opens a step (a tool call) in the current chain. */
    public static Step openStep(String tool, String argumentsDigest) {
        return backend.openStep(tool, argumentsDigest);
    }

    /** The context of the current thread, empty outside any chain or without the agent. */
    public static Optional<MandateContext> current() {
        return Optional.ofNullable(backend.current());
    }

    /** Revokes a chain and every chain it delegated to, from the next call on. */
    public static boolean revokeChain(String chainId, String reason) {
        return backend.revokeChain(chainId, reason);
    }

    /** True when the Mandate agent serves this API. */
    public static boolean agentAttached() {
        return backend != NoopBackend.INSTANCE;
    }

    /** Hex SHA-256 (first 16 bytes) of the tool's arguments: what the journal records instead of them. */
    public static String digest(String arguments) {
        if (arguments == null) {
            return "";
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(arguments.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(32);
            for (int i = 0; i < 16; i++) {
                hex.append(Character.forDigit((hash[i] >> 4) & 0xF, 16)).append(Character.forDigit(hash[i] & 0xF, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /**
     * Installs the agent's backend. Only code on the boot class path (the agent's bridge) may do
     * this, and only once: application code cannot swap the backend to hide its calls.
     */
    public static synchronized void installBackend(MandateBackend agentBackend) {
        Class<?> caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass();
        if (caller.getClassLoader() != null) {
            throw new SecurityException("only the Mandate agent may install a backend");
        }
        if (backend != NoopBackend.INSTANCE) {
            throw new IllegalStateException("a Mandate backend is already installed");
        }
        backend = agentBackend;
    }
}
