package io.mandate.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class MandateWithoutAgentTest {
    @Test
    void scopesAreInertWithoutAnAgent() {
        assertFalse(Mandate.agentAttached());
        try (Chain chain = Mandate.openChain("bot", "purpose", "alice");
             Step step = Mandate.openStep("tool", "abc")) {
            assertEquals("", chain.id());
            assertEquals("", step.id());
            assertTrue(Mandate.current().isEmpty());
        }
        assertFalse(Mandate.revokeChain("x", "y"));
    }

    @Test
    void applicationCodeCannotInstallABackend() {
        assertThrows(SecurityException.class, () -> Mandate.installBackend(null));
    }

    @Test
    void digestIsStableHexAndNeverTheArgumentsThemselves() {
        String d = Mandate.digest("{\"customer\":42}");
        assertEquals(32, d.length());
        assertEquals(d, Mandate.digest("{\"customer\":42}"));
        assertNotEquals(d, Mandate.digest("{\"customer\":43}"));
        assertEquals("", Mandate.digest(null));
    }
}
