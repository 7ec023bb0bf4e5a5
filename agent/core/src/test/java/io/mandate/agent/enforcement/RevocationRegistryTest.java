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
}
