package io.mandate.agent.instrumentation.jdbc.sql;

import java.util.Set;

/** Keywords after which a double-quoted token can only be a name, never a MySQL string. */
final class NamePositions {
    private static final Set<String> BEFORE_NAME = Set.of(
            "FROM", "JOIN", "INTO", "UPDATE", "TABLE", "VIEW", "INDEX", "MERGE", "USING", "CALL", "EXEC",
            "EXECUTE", "EXISTS", "SCHEMA", "SEQUENCE", "TRIGGER", "PROCEDURE", "FUNCTION", "AS");

    private NamePositions() {
    }

    static boolean precedesName(String upperCaseWord) {
        return BEFORE_NAME.contains(upperCaseWord);
    }
}
