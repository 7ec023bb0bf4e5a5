package io.mandate.agent.instrumentation.jdbc;

import io.mandate.agent.config.AgentConfig;
import io.mandate.agent.config.SqlJournaling;
import io.mandate.agent.instrumentation.AgentServices;
import io.mandate.agent.instrumentation.InstrumentationModule;
import io.mandate.agent.instrumentation.jdbc.runtime.JdbcEnforcement;
import io.mandate.agent.instrumentation.jdbc.runtime.StatementRegistry;
import io.mandate.agent.instrumentation.jdbc.sql.SqlClassifier;
import io.mandate.agent.instrumentation.jdbc.sql.SqlDisplay;
import io.mandate.agent.instrumentation.jdbc.sql.SqlRedactor;
import io.mandate.agent.instrumentation.jdbc.sql.VerbatimSql;
import io.mandate.bootstrap.jdbc.JdbcDispatch;
import io.mandate.bootstrap.jdbc.JdbcHooks;
import io.mandate.agent.instrumentation.Transformations;

/**
 * Decides every Statement execution of any JDBC driver (see {@link JdbcTypes} for what is
 * advised, {@link JdbcEnforcement} for how a call is decided).
 */
public final class JdbcInstrumentationModule implements InstrumentationModule {
    /** Distinct SQL texts whose classification is kept (two generations of this many at most). */
    static final int CLASSIFIED_SQL_TEXTS = 4096;
    /** Total characters of cached SQL texts per generation, so a few huge texts cannot pin memory. */
    static final long CLASSIFIED_SQL_CHARS = 4_000_000L;
    /** Longer SQL is not parsed (unknown) so a pathological text cannot stall the calling thread. */
    static final int MAX_PARSED_SQL_LENGTH = 100_000;
    /** Longest SQL shown in the journal. */
    static final int MAX_DISPLAY_LENGTH = 4096;
    /** Live statements whose prepared SQL and batch are remembered; the oldest are forgotten beyond it. */
    static final int TRACKED_STATEMENTS = 65_536;

    private volatile JdbcEnforcement enforcement;
    private volatile BridgeVisibility bridgeVisibility;

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public void install(Transformations transformations, AgentServices services) {
        SqlClassifier classifier = new SqlClassifier(CLASSIFIED_SQL_TEXTS, CLASSIFIED_SQL_CHARS, MAX_PARSED_SQL_LENGTH,
                sqlDisplay(services.config()), services::internalError);
        StatementRegistry registry = new StatementRegistry(TRACKED_STATEMENTS, classifier, MAX_DISPLAY_LENGTH);
        JdbcEnforcement installed = new JdbcEnforcement(services.enforcer(), classifier, registry, services::internalError);
        BridgeVisibility visibility = new BridgeVisibility();
        enforcement = installed;
        bridgeVisibility = visibility;
        // dispatch first: classes retransformed by this builder start calling the hooks at once
        JdbcDispatch.install(installed);
        transformations.type(JdbcTypes.candidates(), visibility.loaders(), visibility.modules())
                .transform(new JdbcTransformer());
    }

    /** SQL literals reach the journal only when {@code journalSql=verbatim} says so. */
    static SqlDisplay sqlDisplay(AgentConfig config) {
        return config != null && config.journalSql() == SqlJournaling.VERBATIM
                ? new VerbatimSql(MAX_DISPLAY_LENGTH) : new SqlRedactor(MAX_DISPLAY_LENGTH);
    }

    /** The hooks dispatch currently points at (null before install and after uninstall). */
    JdbcHooks hooks() {
        return enforcement;
    }

    @Override
    public void uninstall() {
        JdbcDispatch.uninstall();
        JdbcEnforcement installed = enforcement;
        if (installed != null) {
            installed.forgetAll();
        }
        BridgeVisibility visibility = bridgeVisibility;
        if (visibility != null) {
            visibility.forget();
        }
        enforcement = null;
        bridgeVisibility = null;
    }
}
