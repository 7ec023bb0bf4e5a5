package io.mandate.it.agent;

import io.mandate.it.support.AgentJvm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The JDKs the agent must run on: the one running the tests (17) and Temurin 25 when installed. */
final class Jdks {
    private Jdks() {
    }

    static List<Path> all() {
        List<Path> homes = new ArrayList<>();
        homes.add(Path.of(System.getProperty("java.home")));
        AgentJvm.temurin25().ifPresent(homes::add);
        return homes;
    }
}
