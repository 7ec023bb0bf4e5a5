package io.mandate.it.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.mandate.it.apps.jdbc.SupportDeskScenarioApp;
import io.mandate.it.support.AgentJvm;
import io.mandate.it.support.JournalEvents;
import io.mandate.it.support.JvmResult;
import io.mandate.it.support.PostgresExtension;

/**
 * One run of {@link SupportDeskScenarioApp} under the agent: what the app observed, what the agent
 * journaled and what the database holds afterwards. A run forks one JVM; it is made once per
 * (target, mode) and shared by the tests that check its parts, to keep the suite to a few JVMs.
 */
public final class SupportDeskRun {
    private static final Map<String, SupportDeskRun> RUNS = new ConcurrentHashMap<>();

    private final ScenarioTarget target;
    private final String mode;
    private final JvmResult result;
    private final Path journalDirectory;
    private final Map<String, Integer> salariesAfter;
    private final List<String> notesAfter;
    private final List<String> statementsServerReceived;

    private SupportDeskRun(ScenarioTarget target, String mode, JvmResult result, Path journalDirectory,
                           Map<String, Integer> salariesAfter, List<String> notesAfter,
                           List<String> statementsServerReceived) {
        this.target = target;
        this.mode = mode;
        this.result = result;
        this.journalDirectory = journalDirectory;
        this.salariesAfter = salariesAfter;
        this.notesAfter = notesAfter;
        this.statementsServerReceived = statementsServerReceived;
    }

    /** The run of the scenario on {@code target} with the agent in {@code mode} ("enforce" or "audit"). */
    public static SupportDeskRun of(ScenarioTarget target, String mode) {
        return RUNS.computeIfAbsent(target + "/" + mode, key -> start(target, mode));
    }

    private static SupportDeskRun start(ScenarioTarget target, String mode) {
        try {
            Path workDir = Files.createTempDirectory(buildDir(), "support-desk-" + mode + "-");
            Path journal = workDir.resolve("journal");
            SupportDeskDatabase database = target.database() == ScenarioTarget.Database.H2
                    ? SupportDeskDatabase.h2(workDir)
                    : SupportDeskDatabase.postgres(PostgresExtension.sharedCluster(), "support_desk_" + mode);
            JvmResult result = AgentJvm.withAgent("policy=" + Policies.SUPPORT_DESK + ",mode=" + mode + ",journal=" + journal)
                    .jdk(target.javaHome())
                    .mainClass(SupportDeskScenarioApp.class)
                    .appLibraries(target.database() == ScenarioTarget.Database.H2 ? "h2" : "postgresql")
                    .args(database.appJdbcUrl(), database.user(), database.password())
                    .workDir(workDir)
                    .timeout(Duration.ofSeconds(120))
                    .run();
            return new SupportDeskRun(target, mode, result, journal, database.salaries(), database.noteBodies(),
                    database.statementsReceivedFromApp());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare or check the support-desk database for " + target, e);
        }
    }

    private static Path buildDir() throws IOException {
        Path dir = Path.of(System.getProperty("mandate.it.buildDir", "target")).resolve("scenarios");
        Files.createDirectories(dir);
        return dir;
    }

    public ScenarioTarget target() {
        return target;
    }

    public String mode() {
        return mode;
    }

    public JvmResult result() {
        return result;
    }

    /** The journal, read when first asked for (after the app's JVM has exited and the agent flushed). */
    public JournalEvents journal() {
        return JournalEvents.read(journalDirectory);
    }

    /** The journal directory, for the mandate command. */
    public Path journalDirectory() {
        return journalDirectory;
    }

    public Map<String, Integer> salariesAfter() {
        return salariesAfter;
    }

    public List<String> notesAfter() {
        return notesAfter;
    }

    /** On PostgreSQL, every statement the server received from the app (empty on H2). */
    public List<String> statementsServerReceived() {
        return statementsServerReceived;
    }

    /** What the app recorded as the outcome of {@code scenario}. */
    public String outcome(String scenario) {
        return result.observation(scenario);
    }

    /** The chain id the app's {@code scenario} ran in. */
    public String chainOf(String scenario) {
        return result.observation(scenario + ".chain");
    }

    public String stepOf(String scenario) {
        return result.observation(scenario + ".step");
    }
}
