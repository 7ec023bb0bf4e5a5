package io.mandate.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.mandate.it.apps.Observations;

/**
 * Starts a real JVM the way an operator would, with the packaged agent jar on the command line,
 * runs a plain main class in it and collects what it did.
 *
 * <pre>{@code
 * JvmResult result = AgentJvm.withAgent("policy=" + policy + ",mode=enforce,journal=" + journalDir)
 *         .mainClass(SupportDeskApp.class)
 *         .appLibraries("h2")
 *         .args("jdbc:h2:mem:desk")
 *         .run();
 * result.assertSucceeded().assertStdoutEmpty();
 * }</pre>
 *
 * The forked app's class path is explicit: this module's test classes, the mandate-api jar and the
 * libraries a test names, resolved from the JUnit JVM's class path by artifact name. Never the
 * agent's internals, Chronicle, the journal module or JUnit: the app must see what a real app sees.
 *
 * Every run is bounded by {@link #timeout(Duration)}; on timeout the JVM (and anything it started)
 * is killed and the run fails with what it printed so far.
 */
public final class AgentJvm {
    /** Where Temurin 25 lives on the project's machines; overridable for other layouts. */
    private static final Path DEFAULT_TEMURIN_25 = Paths.get("/usr/lib/jvm/temurin-25-jdk-amd64");
    private static final AtomicInteger RUN_COUNTER = new AtomicInteger();

    private final String agentArgs; // null: no agent
    private Path javaHome = Paths.get(System.getProperty("java.home"));
    private String mainClass;
    private final List<String> args = new ArrayList<>();
    private List<Path> explicitClasspath; // null: the default class path below
    private final Set<String> appLibraries = new LinkedHashSet<>(List.of("mandate-api"));
    private final List<Path> extraClasspath = new ArrayList<>();
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private Path workDir;
    private Duration timeout = Duration.ofSeconds(90);

    private AgentJvm(String agentArgs) {
        this.agentArgs = agentArgs;
        // Many short JVMs on 2 cores: C1 only and a serial collector start fastest and leave the
        // other core to the JUnit JVM and the database. Correctness does not depend on the JIT tier.
        jvmOptions.add("-XX:TieredStopAtLevel=1");
        jvmOptions.add("-XX:+UseSerialGC");
        jvmOptions.add("-Xmx256m");
    }

    /** A JVM started with {@code -javaagent:<packaged jar>=<agentArgs>}. */
    public static AgentJvm withAgent(String agentArgs) {
        Objects.requireNonNull(agentArgs, "agentArgs (use \"\" for the agent's defaults)");
        return new AgentJvm(agentArgs);
    }

    /** The same app without any agent: the baseline a test compares against. */
    public static AgentJvm withoutAgent() {
        return new AgentJvm(null);
    }

    /**
     * The packaged agent jar, as the build set it ({@code mandate.agent.jar}); fails when it has
     * not been built, since every test here is meaningless without it.
     */
    public static Path agentJar() {
        String configured = System.getProperty("mandate.agent.jar");
        Path jar = configured != null
                ? Paths.get(configured)
                : Paths.get("..", "agent", "target", "mandate-agent.jar"); // run from an IDE in this module
        jar = jar.toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The packaged agent jar is missing: " + jar
                    + ". Build it first (mvn -B verify from the repository root packages it before these tests).");
        }
        return jar;
    }

    /**
     * The jar (or reactor classes directory) of the library {@code artifactName} on the JUnit JVM's
     * class path, for building an explicit {@link #appClasspath(Path...)}.
     */
    public static Path libraryOnTestClasspath(String artifactName) {
        return TestClasspath.library(artifactName);
    }

    /** Temurin 25's home when installed (system property {@code mandate.it.temurin25} overrides the path). */
    public static Optional<Path> temurin25() {
        Path home = Paths.get(System.getProperty("mandate.it.temurin25", DEFAULT_TEMURIN_25.toString()));
        return Files.isExecutable(home.resolve("bin").resolve("java")) ? Optional.of(home) : Optional.empty();
    }

    /** Runs the app on the JDK at {@code home} instead of the JDK running the tests. */
    public AgentJvm jdk(Path home) {
        this.javaHome = Objects.requireNonNull(home);
        return this;
    }

    public AgentJvm mainClass(String className) {
        this.mainClass = Objects.requireNonNull(className);
        return this;
    }

    public AgentJvm mainClass(Class<?> type) {
        return mainClass(type.getName());
    }

    public AgentJvm args(String... arguments) {
        args.addAll(List.of(arguments));
        return this;
    }

    /** Replaces the whole default class path (test classes, mandate-api, named libraries) with these entries. */
    public AgentJvm appClasspath(Path... entries) {
        explicitClasspath = List.of(entries);
        return this;
    }

    /**
     * Adds libraries of the JUnit JVM's class path to the app's, by Maven artifact name
     * ("h2", "postgresql", "mandate-api"). Fails when a library is not there.
     */
    public AgentJvm appLibraries(String... artifactNames) {
        appLibraries.addAll(List.of(artifactNames));
        return this;
    }

    /** Keeps mandate-api off the default class path: an app that knows nothing of Mandate. */
    public AgentJvm withoutApiOnClasspath() {
        appLibraries.remove("mandate-api");
        return this;
    }

    /** Appends jars or directories (e.g. the isolation app's own library versions) to the class path. */
    public AgentJvm addToClasspath(Path... entries) {
        extraClasspath.addAll(List.of(entries));
        return this;
    }

    public AgentJvm systemProperty(String key, String value) {
        systemProperties.put(key, value);
        return this;
    }

    public AgentJvm env(String key, String value) {
        env.put(key, value);
        return this;
    }

    /** Adds a JVM option before the main class (e.g. "-Xmx64m"). */
    public AgentJvm jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    /** The directory the JVM runs in; relative paths in agent args resolve against it. Default: a fresh one under target/. */
    public AgentJvm workDir(Path directory) {
        this.workDir = directory;
        return this;
    }

    public AgentJvm timeout(Duration limit) {
        this.timeout = limit;
        return this;
    }

    /** Starts the JVM, waits for it (killing it after the timeout) and returns what it did. */
    public JvmResult run() {
        if (mainClass == null) {
            throw new IllegalStateException("mainClass(...) is required");
        }
        try {
            Path dir = workDir != null ? workDir : freshWorkDir();
            Files.createDirectories(dir);
            Path stdout = dir.resolve("stdout.txt");
            Path stderr = dir.resolve("stderr.txt");
            Path observations = dir.resolve("observations.txt");
            Files.deleteIfExists(observations);

            List<String> command = command(observations);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            builder.environment().putAll(env);

            long started = System.nanoTime();
            Process process = builder.start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            JvmResult result = new JvmResult(command, dir, finished ? process.exitValue() : -1,
                    Files.readString(stdout), Files.readString(stderr), observations, elapsed);
            if (!finished) {
                throw new AssertionError("JVM did not finish within " + timeout + " and was killed\n" + result.describe());
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the forked JVM", e);
        }
    }

    private List<String> command(Path observations) {
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin").resolve("java").toString());
        if (agentArgs != null) {
            command.add("-javaagent:" + agentJar() + (agentArgs.isEmpty() ? "" : "=" + agentArgs));
        }
        command.addAll(jvmOptions);
        command.add("-D" + Observations.FILE_PROPERTY + "=" + observations);
        systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath().stream().map(Path::toString).toList()));
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    private List<Path> classpath() {
        List<Path> entries = new ArrayList<>();
        if (explicitClasspath != null) {
            entries.addAll(explicitClasspath);
        } else {
            entries.add(TestClasspath.testClassesDirectory());
            for (String library : appLibraries) {
                entries.add(TestClasspath.library(library));
            }
        }
        entries.addAll(extraClasspath);
        return entries;
    }

    private static Path freshWorkDir() throws IOException {
        Path root = TestClasspath.buildDirectory().resolve("agent-jvm");
        Files.createDirectories(root);
        return Files.createTempDirectory(root, "run-" + RUN_COUNTER.incrementAndGet() + "-");
    }
}
