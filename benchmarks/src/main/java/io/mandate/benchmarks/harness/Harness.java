package io.mandate.benchmarks.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whole-process benchmark: runs the same JDBC app under each configuration (no agent, Mandate in
 * audit and enforce mode, the OpenTelemetry agent) in freshly forked JVMs, rounds interleaved so
 * that slow phases of a shared machine hit every configuration alike, and prints one table.
 *
 * <p>Not JMH on purpose: what an agent costs includes JVM start, class loading, instrumentation
 * and the memory it keeps, which only a whole process shows.
 */
public final class Harness {
    private Harness() {
    }

    public static void main(String[] args) throws Exception {
        HarnessOptions options;
        try {
            options = HarnessOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        ConfigurationCatalog catalog = new ConfigurationCatalog(options);
        List<Configuration> configurations = catalog.configurations();
        catalog.notes().forEach(note -> System.err.println("note: " + note));

        MachineDescription machine = MachineDescription.current();
        Instant started = Instant.now();
        Map<Configuration, List<ForkOutcome>> outcomes = new LinkedHashMap<>();
        configurations.forEach(c -> outcomes.put(c, new ArrayList<>()));
        try (LoopbackTargets targets = options.scenarios().isEmpty() ? null
                : LoopbackTargets.start(options.outputDirectory())) {
            ForkLauncher launcher = new ForkLauncher(options, targets);
            int total = options.rounds() * configurations.size();
            int done = 0;
            for (int round = 1; round <= options.rounds(); round++) {
                for (Configuration configuration : roundOrder(configurations, round)) {
                    ForkOutcome outcome = launcher.run(configuration, round);
                    outcomes.get(configuration).add(outcome);
                    System.err.println(progressLine(++done, total, outcome));
                }
            }
        }

        List<ConfigurationFigures> figures = new ArrayList<>();
        for (Configuration configuration : configurations) {
            List<ForkOutcome> baseline = outcomes.get(baselineOf(configuration, configurations));
            figures.add(ConfigurationFigures.of(configuration, outcomes.get(configuration), baseline));
        }
        List<ScenarioFigures> scenarioFigures = new ArrayList<>();
        for (Scenario scenario : options.scenarios()) {
            for (Configuration configuration : configurations) {
                if (configuration.database() == Database.H2_IN_MEMORY) {
                    List<ForkOutcome> baseline = outcomes.get(baselineOf(configuration, configurations));
                    scenarioFigures.add(ScenarioFigures.of(scenario, configuration, outcomes.get(configuration), baseline));
                }
            }
        }
        String javaVersion = outcomes.values().stream().flatMap(List::stream).filter(ForkOutcome::succeeded)
                .map(o -> o.result().javaVersion()).findFirst().orElse("unknown");
        long wallSeconds = java.time.Duration.between(started, Instant.now()).toSeconds();
        String table = ResultsTable.render(options, machine, javaVersion, MachineDescription.loadAverageNow(),
                started.truncatedTo(ChronoUnit.SECONDS).toString(), wallSeconds, figures, scenarioFigures,
                catalog.notes());

        Files.createDirectories(options.outputDirectory());
        Path markdown = options.outputDirectory().resolve("results.md");
        Files.writeString(markdown, table);
        Path raw = options.outputDirectory().resolve("results.json");
        writeRawResults(raw, options, machine, outcomes);
        System.out.println(table);
        System.err.println("wrote " + markdown + " and the per-fork figures to " + raw);

        boolean anyFailure = figures.stream().anyMatch(f -> !f.failures().isEmpty());
        System.exit(anyFailure ? 1 : 0);
    }

    /**
     * Every round runs every configuration once; the starting point rotates so no configuration is
     * always the first after a pause or the one right after the slowest.
     */
    static List<Configuration> roundOrder(List<Configuration> configurations, int round) {
        List<Configuration> order = new ArrayList<>(configurations.size());
        for (int i = 0; i < configurations.size(); i++) {
            order.add(configurations.get((i + round - 1) % configurations.size()));
        }
        return order;
    }

    private static Configuration baselineOf(Configuration configuration, List<Configuration> all) {
        return all.stream()
                .filter(c -> c.isBaseline() && c.database() == configuration.database())
                .findFirst().orElseThrow();
    }

    private static String progressLine(int done, int total, ForkOutcome outcome) {
        String figures = outcome.succeeded()
                ? String.format(Locale.ROOT, "%.0f ns/call, launch->main %d ms, peak RSS %d MiB",
                        Quantiles.of(outcome.result().measuredNanosPerCall()).median(),
                        outcome.launchToMainMillis(), outcome.result().peakRssKib() / 1024)
                : "FAILED: " + outcome.failure();
        return String.format(Locale.ROOT, "[%d/%d] round %d %-26s %s",
                done, total, outcome.round(), outcome.configuration().id(), figures);
    }

    /** Every fork's own figures, for whoever wants other statistics than the table's. */
    private static void writeRawResults(Path file, HarnessOptions options, MachineDescription machine,
                                        Map<Configuration, List<ForkOutcome>> outcomes) throws java.io.IOException {
        List<Map<String, Object>> forks = new ArrayList<>();
        outcomes.values().forEach(list -> list.forEach(o -> {
            Map<String, Object> fork = new LinkedHashMap<>();
            fork.put("configuration", o.configuration().id());
            fork.put("round", o.round());
            fork.put("failure", o.failure());
            if (o.succeeded()) {
                fork.put("launchToMainMillis", o.launchToMainMillis());
                fork.put("result", o.result());
            }
            forks.add(fork);
        }));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("machine", machine);
        document.put("java", options.javaExecutable().toString());
        document.put("quick", options.quick());
        document.put("rounds", options.rounds());
        document.put("warmupMillis", options.warmupMillis());
        document.put("batches", options.batches());
        document.put("batchMillis", options.batchMillis());
        document.put("scenarios", options.scenarios().stream().map(Scenario::id).toList());
        document.put("forks", forks);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), document);
    }
}
