package io.mandate.it.support;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class a fresh database on a real PostgreSQL server:
 *
 * <pre>{@code
 * @ExtendWith(PostgresExtension.class)
 * class SomethingOnPostgresTest {
 *     @Test void works(PostgresDatabase db) { ... db.jdbcUrl() ... }
 * }
 * }</pre>
 *
 * Tests that need several databases (one per forked run) call {@link #sharedCluster()} instead.
 *
 * One cluster serves the whole test run: started on first use, stopped and deleted when the JUnit
 * JVM exits. When PostgreSQL is not installed the tests fail on CI (CI=true), since .ci/run
 * installs it and a skip there would hide the gap, and are skipped with a loud message on a
 * developer's machine.
 */
public final class PostgresExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresExtension.class);
    private static PostgresCluster shared;

    /**
     * The test run's cluster, started on first call. Aborts the calling test (skip) when PostgreSQL
     * is not installed, or fails it on CI.
     */
    public static synchronized PostgresCluster sharedCluster() {
        if (shared == null) {
            // Stopped by the shutdown hook the cluster registers: it outlives any one test class.
            shared = PostgresCluster.start(requireBinaries());
        }
        return shared;
    }

    /**
     * The PostgreSQL server binaries' directory. When they are missing: fails on CI (CI=true), where
     * .ci/run installs them and a skip would hide the gap; aborts (skips) the calling test elsewhere.
     */
    public static Path requireBinaries() {
        Optional<Path> binaries = PostgresCluster.findBinaries();
        if (binaries.isPresent()) {
            return binaries.get();
        }
        String message = "PostgreSQL server binaries (initdb, pg_ctl) were found neither on PATH nor under"
                + " /usr/lib/postgresql/*/bin. .ci/run installs them (apt-get install -y postgresql);"
                + " run it, or install PostgreSQL yourself.";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message + " On CI the PostgreSQL tests must run, not be skipped.");
        }
        System.err.println("\n!!!!!!!! SKIPPING THE POSTGRESQL TESTS: " + message + " !!!!!!!!\n");
        Assumptions.abort("PostgreSQL is not installed: " + message);
        throw new AssertionError("unreachable: Assumptions.abort throws");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        database(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PostgresDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) throws ParameterResolutionException {
        return database(context);
    }

    private static PostgresDatabase database(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        String className = classContext.getRequiredTestClass().getSimpleName();
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent("database",
                key -> sharedCluster().createDatabase(className), PostgresDatabase.class);
    }
}
