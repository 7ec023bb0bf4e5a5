package io.mandate.it.lineage;

import io.mandate.it.support.AgentJvm;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;

/** The same two JVMs on Temurin 25, when it is installed. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossProcessLineageOnJdk25Test extends CrossProcessLineageTest {
    @Override
    Path jdk() {
        return AgentJvm.temurin25().orElseGet(() -> {
            Assumptions.abort("Temurin 25 is not installed");
            return null;
        });
    }
}
