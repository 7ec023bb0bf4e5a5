package io.mandate.agent.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ModuleAccessTest {
    @Test
    void grantsAreTheMeasuredMinimum() {
        assertEquals(Map.of("java.base", Set.of("java.lang.reflect")), ChronicleModuleAccess.opens());
        assertEquals(Map.of("java.base", Set.of("sun.nio.ch", "jdk.internal.ref")), ChronicleModuleAccess.exports());
    }

    /** The pom passes the same flags to this test JVM; the two lists must not drift apart. */
    @Test
    void jvmFlagsMatchWhatTheBuildPassesToTests() {
        assertEquals(List.of(
                "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
                "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED"), ChronicleModuleAccess.jvmFlags());
        assertEquals(String.join(" ", ChronicleModuleAccess.jvmFlags()), System.getProperty("mandate.chronicle.module.flags"));
    }
}
