package io.mandate.agent.instrumentation;

import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LibraryGateTest {
    /** Stands in for a library type as one version has it. */
    static class ToolV1 {
        public String call(String input) {
            return input;
        }
    }

    /** The next version renamed the method the advice hooks. */
    static class ToolV2 {
        public String invoke(String input) {
            return input;
        }
    }

    private final List<String> lines = new ArrayList<>();
    private final LibraryGate gate = new LibraryGate("tools", ToolV1.class.getName(), lines::add);

    @Test
    void aTypeThatDeclaresTheMethodIsAdvisedSilently() {
        assertTrue(gate.declares("call(String)", named("call").and(takesArguments(String.class)))
                .matches(TypeDescription.ForLoadedType.of(ToolV1.class)));
        assertEquals(List.of(), lines);
    }

    @Test
    void aTypeWithoutTheMethodIsSkippedWithOneLineHoweverOftenItIsSeen() {
        var callMethod = gate.declares("call(String)", named("call").and(takesArguments(String.class)));
        for (int i = 0; i < 3; i++) {
            assertFalse(callMethod.matches(TypeDescription.ForLoadedType.of(ToolV2.class)));
        }
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("mandate: tools: " + ToolV2.class.getName() + " has no call(String); left uninstrumented"),
                lines.get(0));
    }

    @Test
    void onlyLoadersThatHoldTheLibraryAndLinkTheApiApply() {
        assertTrue(gate.applies(getClass().getClassLoader()));
        assertFalse(gate.applies(null));
        assertFalse(new LibraryGate("tools", "org.example.Absent", lines::add).applies(getClass().getClassLoader()));
    }
}
