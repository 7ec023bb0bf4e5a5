package io.mandate.benchmarks.harness;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The configurations one run compares. An agent jar that is not there leaves its rows out with a
 * note instead of failing the run, so the harness works before the Mandate agent is built.
 */
final class ConfigurationCatalog {
    private final List<Configuration> configurations = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    ConfigurationCatalog(HarnessOptions options) {
        boolean mandate = Files.isRegularFile(options.mandateAgent());
        boolean otel = Files.isRegularFile(options.openTelemetryAgent());
        if (!mandate) {
            notes.add("Mandate rows not measured: " + options.mandateAgent() + " is missing.");
        }
        if (!otel) {
            notes.add("OpenTelemetry row not measured: " + options.openTelemetryAgent() + " is missing.");
        }
        addDatabase(Database.H2_IN_MEMORY, options, mandate, otel, true);
        if (options.postgresUrl().isPresent()) {
            // Fewer rows on PostgreSQL: its calls are network-bound, so the added cost is the same
            // decide + journal and only the headline configurations are worth the wall time.
            addDatabase(Database.POSTGRESQL, options, mandate, otel, false);
        }
        if (!options.onlyConfigurations().isEmpty()) {
            configurations.removeIf(c -> !c.isBaseline() && !options.onlyConfigurations().contains(c.id()));
        }
    }

    private void addDatabase(Database database, HarnessOptions options, boolean mandate, boolean otel, boolean everyMode) {
        String suffix = database == Database.POSTGRESQL ? "-pg" : "";
        String on = database == Database.POSTGRESQL ? " (PostgreSQL)" : "";
        configurations.add(new Configuration("none" + suffix, "no agent" + on, database, AgentUnderTest.NONE,
                List.of(), true, false));
        if (mandate) {
            if (everyMode) {
                configurations.add(mandate("mandate-audit" + suffix, "Mandate audit, in chain" + on, database,
                        options, "audit", true));
            }
            configurations.add(mandate("mandate-enforce" + suffix, "Mandate enforce, in chain" + on, database,
                    options, "enforce", true));
            if (everyMode) {
                configurations.add(mandate("mandate-enforce-nochain" + suffix, "Mandate enforce, no chain" + on,
                        database, options, "enforce", false));
            }
        }
        if (otel) {
            configurations.add(new Configuration("otel" + suffix, "OpenTelemetry agent, exporters off" + on, database,
                    AgentUnderTest.OPENTELEMETRY, List.of(
                            "-javaagent:" + options.openTelemetryAgent(),
                            "-Dotel.traces.exporter=none",
                            "-Dotel.metrics.exporter=none",
                            "-Dotel.logs.exporter=none"),
                    true, false));
        }
    }

    private static Configuration mandate(String id, String title, Database database, HarnessOptions options,
                                         String mode, boolean insideChain) {
        String agentArguments = "policy=" + options.policy() + ",mode=" + mode + ",journal=" + Configuration.JOURNAL_DIR;
        return new Configuration(id, title, database, AgentUnderTest.MANDATE,
                List.of("-javaagent:" + options.mandateAgent() + "=" + agentArguments),
                insideChain, mode.equals("enforce"));
    }

    List<Configuration> configurations() {
        return List.copyOf(configurations);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }
}
