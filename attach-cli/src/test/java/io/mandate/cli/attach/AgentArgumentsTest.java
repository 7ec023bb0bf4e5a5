package io.mandate.cli.attach;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mandate.cli.UsageException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentArgumentsTest {
    @Test
    void pathsBecomeAbsoluteFromTheOperatorsDirectoryAndAbsentOptionsAreLeftToTheAgent() {
        String arguments = new AgentArguments()
                .path("policy", Path.of("desk.mandate"))
                .put("mode", "enforce")
                .path("journal", null)
                .put("agent", null)
                .options(List.of("onError=open"))
                .toString();

        assertEquals("policy=" + Path.of("desk.mandate").toAbsolutePath() + ",mode=enforce,onError=open", arguments);
    }

    @Test
    void aCommaCannotBeQuotedInAgentArgumentsSoItIsRefused() {
        UsageException refused = assertThrows(UsageException.class, () -> new AgentArguments().put("agent", "a,b"));
        assertTrue(refused.getMessage().contains("cannot contain a comma"), refused.getMessage());
    }

    @Test
    void anOptionTwiceOrWithoutAValueIsAUsageError() {
        assertThrows(UsageException.class, () -> new AgentArguments().put("mode", "audit").options(List.of("mode=enforce")));
        assertThrows(UsageException.class, () -> new AgentArguments().options(List.of("onError")));
        assertThrows(UsageException.class, () -> new AgentArguments().options(List.of("=open")));
    }
}
