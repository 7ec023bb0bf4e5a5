package io.mandate.agent.instrumentation.jdbc.sql;

import java.util.ArrayList;
import java.util.List;

/** Accesses collected while reading SQL, in first-seen order, each (operation, resource) once. */
final class AccessList {
    private final List<String> operations = new ArrayList<>();
    private final List<String> resources = new ArrayList<>();

    void add(String operation, String resource) {
        for (int i = 0; i < operations.size(); i++) {
            if (operations.get(i).equals(operation) && resources.get(i).equals(resource)) {
                return;
            }
        }
        operations.add(operation);
        resources.add(resource);
    }

    /** This list with the first access's operation replaced (an H2 MERGE read as an INSERT). */
    AccessList renamingFirst(String operation) {
        if (!operations.isEmpty()) {
            operations.set(0, operation);
        }
        return this;
    }

    ClassifiedSql toClassified(String display) {
        return new ClassifiedSql(operations.toArray(new String[0]), resources.toArray(new String[0]), display);
    }
}
