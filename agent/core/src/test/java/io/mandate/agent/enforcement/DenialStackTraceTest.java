package io.mandate.agent.enforcement;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DenialStackTraceTest {
    private static StackTraceElement frame(String className) {
        return new StackTraceElement(className, "m", null, 1);
    }

    @Test
    void startsAtTheInterceptedMethodWithoutTheAgentFrames() {
        StackTraceElement[] trace = {
                frame("io.mandate.agent.instrumentation.jdbc.runtime.JdbcEnforcement"),
                frame("io.mandate.bootstrap.jdbc.JdbcDispatch"),
                frame("org.h2.jdbc.JdbcPreparedStatement"),
                frame("io.mandate.samples.support.SupportBot"),
        };

        StackTraceElement[] shown = DenialStackTrace.fromTheInterceptedCallOn(trace);

        assertEquals(2, shown.length);
        assertEquals("org.h2.jdbc.JdbcPreparedStatement", shown[0].getClassName());
        assertEquals("io.mandate.samples.support.SupportBot", shown[1].getClassName(),
                "application code in io.mandate.* is not the agent's and stays in the trace");
    }

    @Test
    void aTraceOfAgentFramesOnlyIsKeptWholeRatherThanEmptied() {
        StackTraceElement[] trace = {frame("io.mandate.agent.X"), frame("io.mandate.bootstrap.Y")};

        assertArrayEquals(trace, DenialStackTrace.fromTheInterceptedCallOn(trace));
    }
}
