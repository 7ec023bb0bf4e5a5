package io.mandate.agent.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProcessIdTest {
    @Test
    void isThePidTheJdkReports() {
        assertEquals(ProcessHandle.current().pid(), ProcessId.current());
    }
}
