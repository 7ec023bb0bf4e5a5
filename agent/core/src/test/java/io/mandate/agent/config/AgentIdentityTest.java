package io.mandate.agent.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AgentIdentityTest {
    @Test
    void aMainClassGivesItsSimpleName() {
        assertEquals("SupportBot", AgentIdentity.fromJavaCommand("com.acme.SupportBot arg1 arg2"));
        assertEquals("Main", AgentIdentity.fromJavaCommand("Main"));
    }

    @Test
    void anExecutableJarGivesItsBaseName() {
        assertEquals("support-bot", AgentIdentity.fromJavaCommand("/opt/bots/support-bot.jar --verbose"));
        assertEquals("desk", AgentIdentity.fromJavaCommand("desk.jar"));
    }

    @Test
    void aModuleMainClassGivesTheClassName() {
        assertEquals("Bot", AgentIdentity.fromJavaCommand("com.acme.bots/com.acme.bots.Bot"));
    }

    @Test
    void aSourceFileGivesItsName() {
        assertEquals("Hello", AgentIdentity.fromJavaCommand("scripts/Hello.java"));
    }

    @Test
    void anUnknownCommandFallsBackToJava() {
        assertEquals("java", AgentIdentity.fromJavaCommand(null));
        assertEquals("java", AgentIdentity.fromJavaCommand("  "));
    }
}
