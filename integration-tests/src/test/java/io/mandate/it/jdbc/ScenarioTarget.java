package io.mandate.it.jdbc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.mandate.it.support.AgentJvm;

/**
 * Where a scenario runs: which JDK the app's JVM runs on, and which database it talks to. Every
 * JDBC test runs on the JDK running the tests (17 on CI) and on Temurin 25 when it is installed,
 * against embedded H2 and a real PostgreSQL server.
 */
public record ScenarioTarget(String jdkName, int jdkFeature, Path javaHome, Database database) {

    public enum Database { H2, POSTGRESQL }

    public static List<ScenarioTarget> all() {
        List<ScenarioTarget> targets = new ArrayList<>();
        List<Jdk> jdks = new ArrayList<>();
        jdks.add(new Jdk("JDK " + Runtime.version().feature(), Runtime.version().feature(), Path.of(System.getProperty("java.home"))));
        AgentJvm.temurin25().ifPresent(home -> jdks.add(new Jdk("Temurin 25", 25, home)));
        for (Jdk jdk : jdks) {
            for (Database database : Database.values()) {
                targets.add(new ScenarioTarget(jdk.name(), jdk.feature(), jdk.home(), database));
            }
        }
        return targets;
    }

    /** The targets whose database is the PostgreSQL server. */
    public static List<ScenarioTarget> postgres() {
        return all().stream().filter(t -> t.database() == Database.POSTGRESQL).toList();
    }

    /** One target per JDK, on H2: for tests about the JVM rather than the database. */
    public static List<ScenarioTarget> h2() {
        return all().stream().filter(t -> t.database() == Database.H2).toList();
    }

    @Override
    public String toString() {
        return database + " on " + jdkName;
    }

    private record Jdk(String name, int feature, Path home) {
    }
}
