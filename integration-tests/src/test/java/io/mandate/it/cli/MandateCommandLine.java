package io.mandate.it.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real launcher, {@code bin/mandate}, in a subprocess the way a user would (it runs the
 * packaged attach-cli/target/mandate-cli.jar), on the JDK running the tests.
 */
public final class MandateCommandLine {
    private static final long TIMEOUT_SECONDS = 60;

    private MandateCommandLine() {
    }

    public record Outcome(int exitCode, String stdout, String stderr, List<String> command) {
        public List<String> stdoutLines() {
            return stdout.isEmpty() ? List.of() : List.of(stdout.split("\n"));
        }

        public List<String> stderrLines() {
            return stderr.isEmpty() ? List.of() : List.of(stderr.split("\n"));
        }

        public String describe() {
            return "$ " + String.join(" ", command) + "\nexit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    public static Path repositoryRoot() {
        return Path.of(System.getProperty("mandate.it.buildDir", "target")).toAbsolutePath().normalize().getParent().getParent();
    }

    public static Outcome run(String... args) {
        Path launcher = repositoryRoot().resolve("bin/mandate");
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("MANDATE_CLI_JAR");
        builder.environment().remove("MANDATE_JAVA");
        try {
            Path out = Files.createTempFile("mandate-cli-out", ".txt");
            Path err = Files.createTempFile("mandate-cli-err", ".txt");
            builder.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("mandate " + String.join(" ", args) + " did not end within " + TIMEOUT_SECONDS + " s");
            }
            Outcome outcome = new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), command);
            Files.delete(out);
            Files.delete(err);
            return outcome;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
