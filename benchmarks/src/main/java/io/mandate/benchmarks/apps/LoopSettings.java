package io.mandate.benchmarks.apps;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one benchmark JVM is asked to do, read from {@code --key value} arguments so the harness can
 * pass the same settings to every configuration and only the JVM flags differ.
 */
record LoopSettings(
        String jdbcUrl,
        boolean insideChain,
        long warmupMillis,
        int measuredBatches,
        long batchMillis,
        int rows,
        Optional<String> httpUrl,
        Optional<String> filePath,
        Optional<String> socketAddress,
        long scenarioWarmupMillis,
        long scenarioWarmupCalls,
        long scenarioWarmupMaxMillis,
        int scenarioBatches,
        long scenarioBatchMillis,
        Path resultFile) {

    static LoopSettings fromArguments(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String key = args[i];
            if (!key.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --key value pairs, got: " + key);
            }
            values.put(key.substring(2), args[++i]);
        }
        String result = values.get("result");
        if (result == null) {
            throw new IllegalArgumentException("--result FILE is required: the figures go there, not to stdout");
        }
        return new LoopSettings(
                values.getOrDefault("jdbc-url", "jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1"),
                Boolean.parseBoolean(values.getOrDefault("inside-chain", "true")),
                Long.parseLong(values.getOrDefault("warmup-millis", "4000")),
                Integer.parseInt(values.getOrDefault("batches", "10")),
                Long.parseLong(values.getOrDefault("batch-millis", "1000")),
                Integer.parseInt(values.getOrDefault("rows", "1024")),
                Optional.ofNullable(values.get("http-url")),
                Optional.ofNullable(values.get("file")),
                Optional.ofNullable(values.get("socket")),
                Long.parseLong(values.getOrDefault("scenario-warmup-millis", "1500")),
                Long.parseLong(values.getOrDefault("scenario-warmup-calls", "16000")),
                Long.parseLong(values.getOrDefault("scenario-warmup-max-millis", "15000")),
                Integer.parseInt(values.getOrDefault("scenario-batches", "5")),
                Long.parseLong(values.getOrDefault("scenario-batch-millis", "400")),
                Path.of(result));
    }
}
