package io.mandate.bootstrap.api;

/** The core's revocation registry as the API backend reaches it (the backend cannot see core types). */
public interface ChainRevoker {
    /** Revokes {@code chainId} and every chain delegated from it; true when it was not revoked before. */
    boolean revoke(String chainId, String reason);
}
