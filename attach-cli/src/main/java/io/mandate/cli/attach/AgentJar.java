package io.mandate.cli.attach;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.mandate.cli.UsageException;

/**
 * Which {@code mandate-agent.jar} {@code mandate attach} loads: the one named, else
 * {@code $MANDATE_AGENT_JAR}, else one beside the CLI's jar (an installed distribution), else the
 * one the source tree builds ({@code agent/target/} next to {@code attach-cli/target/}). The target
 * JVM opens the jar itself, so the path handed to it is absolute.
 */
final class AgentJar {
    static final String ENVIRONMENT = "MANDATE_AGENT_JAR";
    static final String FILE_NAME = "mandate-agent.jar";

    private AgentJar() {
    }

    static Path locate(Path named) {
        if (named != null) {
            return existing(named, "--agent-jar");
        }
        String fromEnvironment = System.getenv(ENVIRONMENT);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return existing(Path.of(fromEnvironment), "$" + ENVIRONMENT);
        }
        List<Path> candidates = besideCli();
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new UsageException("no agent jar found (looked at " + candidates + "); name it with --agent-jar FILE or $"
                + ENVIRONMENT);
    }

    private static Path existing(Path jar, String from) {
        if (!Files.isRegularFile(jar)) {
            throw new UsageException("no agent jar at " + jar + " (" + from + ")");
        }
        return jar.toAbsolutePath().normalize();
    }

    private static List<Path> besideCli() {
        List<Path> candidates = new ArrayList<>();
        cliJar().ifPresent(cli -> {
            Path directory = cli.getParent();
            candidates.add(directory.resolve(FILE_NAME));
            if (directory.getParent() != null && directory.getParent().getParent() != null) {
                candidates.add(directory.getParent().getParent().resolve("agent").resolve("target").resolve(FILE_NAME));
            }
        });
        return candidates;
    }

    private static Optional<Path> cliJar() {
        CodeSource source = AgentJar.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            Path location = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(location) ? Optional.of(location.toAbsolutePath()) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
