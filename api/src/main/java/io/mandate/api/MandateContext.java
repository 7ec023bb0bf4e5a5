package io.mandate.api;

/**
 * A read-only view of the reasoning chain the current thread works for.
 * Values are never null: an absent value is the empty string.
 */
public interface MandateContext {
    String agent();

    String chainId();

    /** The chain that delegated to this one, or "" for a root chain. */
    String parentChainId();

    String rootChainId();

    /** 0 outside any chain, 1 for a root chain, parent depth + 1 for a delegated chain. */
    int depth();

    String purpose();

    /** The user on whose behalf the chain runs. */
    String user();

    /** The open step's id, or "" when no step is open. */
    String stepId();

    /** The open step's tool name, or "" when no step is open. */
    String tool();

    /** Digest of the open step's arguments (hex SHA-256 prefix), or "". */
    String argumentsDigest();
}
