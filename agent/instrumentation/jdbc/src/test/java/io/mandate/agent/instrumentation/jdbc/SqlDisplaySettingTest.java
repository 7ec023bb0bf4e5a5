package io.mandate.agent.instrumentation.jdbc;

import io.mandate.agent.config.AgentConfig;
import io.mandate.agent.instrumentation.jdbc.sql.SqlRedactor;
import io.mandate.agent.instrumentation.jdbc.sql.VerbatimSql;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** SQL literals reach the journal only when journalSql=verbatim says so. */
class SqlDisplaySettingTest {
    @Test
    void theSettingPicksTheDisplay() throws Exception {
        AgentConfig verbatim = AgentConfig.resolve("journalSql=verbatim", new Properties(), Map.of(), "App");
        AgentConfig byDefault = AgentConfig.resolve(null, new Properties(), Map.of(), "App");
        assertEquals(VerbatimSql.class, JdbcInstrumentationModule.sqlDisplay(verbatim).getClass());
        assertEquals(SqlRedactor.class, JdbcInstrumentationModule.sqlDisplay(byDefault).getClass());
        assertEquals(SqlRedactor.class, JdbcInstrumentationModule.sqlDisplay(null).getClass(), "a test double's services");
    }
}
