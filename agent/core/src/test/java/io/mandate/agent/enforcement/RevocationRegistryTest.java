package io.mandate.agent.enforcement;

import io.mandate.bootstrap.ChainContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RevocationRegistryTest {
    private final RevocationRegistry registry = new RevocationRegistry();

    @Test
    void nothingIsRevokedUntilSomethingIs() {
        assertFalse(registry.anyRevoked());
        assertFalse(registry.isRevoked(ChainContext.root("a", "c-1", "", "")));
        assertFalse(registry.isRevoked(null));
    }

    @Test
    void aRevokedAncestorRevokesTheWholeLineageBelowIt() {
        ChainContext root = ChainContext.root("a", "c-1", "", "");
        ChainContext child = root.child("b", "c-2", "");
        ChainContext grandChild = child.child("c", "c-3", "").withStep("s-1", "tool", "");

        registry.revoke("c-2", "compromised helper");

        assertTrue(registry.anyRevoked());
        assertFalse(registry.isRevoked(root));
        assertTrue(registry.isRevoked(child));
        assertTrue(registry.isRevoked(grandChild));
    }

    @Test
    void theListenerHearsEachChainOnce() {
        List<String> heard = new ArrayList<>();
        registry.listener((chainId, reason) -> heard.add(chainId + ": " + reason));

        assertTrue(registry.revoke("c-1", "first"));
        assertFalse(registry.revoke("c-1", "again"));

        assertEquals(List.of("c-1: first"), heard);
    }

    @Test
    void anAgentIdentityIsRevokedWithItsLiveAndLaterChainsAndRestoredWithThem() {
        ChainContext live = ChainContext.root("bot", "c-1", "", "");
        ChainContext delegated = live.child("helper", "c-2", "");
        registry.revokeAgent("bot", "operator", List.of("c-1"));

        assertTrue(registry.isRevoked(delegated), "a chain the revoked identity delegated to");
        assertTrue(registry.isRevoked(null, "bot"), "its calls outside chains");
        assertFalse(registry.isRevoked(null, "other"));
        ChainContext later = ChainContext.root("bot", "c-3", "", "");
        registry.chainOpened(later);
        assertTrue(registry.isRevoked(later.child("helper", "c-4", "")));

        registry.revoke("c-9", "on its own");
        assertTrue(registry.restoreAgent("bot"));
        assertFalse(registry.isRevoked(delegated));
        assertFalse(registry.isRevoked(later));
        assertTrue(registry.isRevoked(ChainContext.root("x", "c-9", "", "")), "a chain revoked on its own stays");
        assertTrue(registry.restoreChain("c-9"));
        assertFalse(registry.anyRevoked());
    }
}
