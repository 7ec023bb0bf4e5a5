package io.mandate.agent.instrumentation.jdbc.sql;

/** How the journal shows a statement's SQL text (the {@code journalSql} setting picks one). Never throws. */
public interface SqlDisplay {
    String of(String sql);
}
