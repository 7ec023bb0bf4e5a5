package io.mandate.cli.attach;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessOwnerTest {
    @Test
    void anotherUsersJvmIsRefusedWithWhoToRunAs() {
        String refusal = ProcessOwner.refusal(4242, "someone-else");

        assertTrue(refusal.startsWith("process 4242 belongs to user someone-else, not to " + ProcessOwner.currentUser()),
                refusal);
        assertTrue(refusal.contains("sudo -u someone-else mandate attach 4242"), refusal);
    }

    @Test
    void ownJvmsMayBeAttachedTo() {
        assertNull(ProcessOwner.refusal(1, ProcessOwner.currentUser()));
        assertEquals(ProcessOwner.currentUser(), ProcessOwner.of(ProcessHandle.current().pid()).orElseThrow());
    }

    @Test
    void theMainClassIsTheFirstWordOfTheDisplayName() {
        assertEquals("com.example.Bot", LocalJvms.mainClassOf("com.example.Bot --port 8080"));
        assertEquals("/opt/app/bot.jar", LocalJvms.mainClassOf("/opt/app/bot.jar"));
        assertEquals("?", LocalJvms.mainClassOf(""));
    }
}
