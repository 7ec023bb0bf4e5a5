package io.mandate.cli.attach;

import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DynamicAgentWarningTest {
    @Test
    void jdk21AndLaterWarnUnlessStartedWithTheFlag() {
        String note = DynamicAgentWarning.noteFor(42, system("25"), jvmArgs("-Xmx1g"));
        assertTrue(note.startsWith("process 42 runs Java 25, which prints a warning"), note);
        assertTrue(note.contains("-XX:+EnableDynamicAgentLoading"), note);
        assertTrue(DynamicAgentWarning.noteFor(42, system("21"), jvmArgs("")) != null);

        assertNull(DynamicAgentWarning.noteFor(42, system("25"), jvmArgs("-Xmx1g -XX:+EnableDynamicAgentLoading")));
        assertNull(DynamicAgentWarning.noteFor(42, system("17"), jvmArgs("")));
        assertNull(DynamicAgentWarning.noteFor(42, system("25"), jvmArgs("-XX:-EnableDynamicAgentLoading")),
                "that JVM refuses the agent, and the refusal says why");
    }

    @Test
    void featureReleasesParseOldAndNewVersionStrings() {
        assertEquals(8, JavaFeature.of("1.8"));
        assertEquals(17, JavaFeature.of("17"));
        assertEquals(25, JavaFeature.of("25"));
        assertEquals(0, JavaFeature.of(""));
    }

    private static Properties system(String specificationVersion) {
        Properties properties = new Properties();
        properties.setProperty("java.specification.version", specificationVersion);
        return properties;
    }

    private static Properties jvmArgs(String arguments) {
        Properties properties = new Properties();
        properties.setProperty("sun.jvm.args", arguments);
        return properties;
    }
}
