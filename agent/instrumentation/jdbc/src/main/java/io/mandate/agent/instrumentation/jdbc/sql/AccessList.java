package io.mandate.agent.instrumentation.jdbc.sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Accesses collected while reading SQL, in first-seen order, each (operation, resource) once. */
final class AccessList {
    private final List<String> operations = new ArrayList<>();
    private final List<String> resources = new ArrayList<>();
    /** Every CTE name the statement defines, wherever: not tables when the safety net meets them. */
    private final Set<String> cteNames = new HashSet<>();
    /** Functions the statement calls; which of them become accesses is decided at the end. */
    private final Set<String> functionCalls = new LinkedHashSet<>();

    void add(String operation, String resource) {
        for (int i = 0; i < operations.size(); i++) {
            if (operations.get(i).equals(operation) && resources.get(i).equals(resource)) {
                return;
            }
        }
        operations.add(operation);
        resources.add(resource);
    }

    void functionCalls(List<String> names) {
        functionCalls.addAll(names);
    }

    void cteNames(Set<String> names) {
        cteNames.addAll(names);
    }

    /**
     * Adds a read of {@code name} unless some access already names that table (bare or
     * qualified) or it is a CTE: the safety net for tables the parse tree walk missed.
     */
    void addReadUnlessKnown(String name) {
        if (name.isEmpty() || cteNames.contains(name)) {
            return;
        }
        for (String resource : resources) {
            if (resource.equals(name) || resource.endsWith("." + name) || name.endsWith("." + resource)) {
                return;
            }
        }
        add(StatementAccesses.SELECT, name);
    }

    /** This list with the first access's operation replaced (an H2 MERGE read as an INSERT). */
    AccessList renamingFirst(String operation) {
        if (!operations.isEmpty()) {
            operations.set(0, operation);
        }
        return this;
    }

    /**
     * A statement's function calls are not resources in general ({@code count(*)}, {@code lower(x)}
     * on an allowed table are part of reading it), with two exceptions that become {@code call}
     * accesses: every call of a statement that reads no table, since the policy would otherwise
     * see nothing at all ({@code SELECT pg_read_file('/etc/passwd')}, {@code SELECT * FROM
     * CSVREAD('/srv/x.csv')}); and, in any statement, calls of functions that reach outside the
     * database (files, network, the OS), which no table rule should let pass unseen.
     */
    ClassifiedSql toClassified(String display) {
        boolean readsNoTable = operations.isEmpty();
        for (String function : functionCalls) {
            if (readsNoTable || ReachingFunctions.reachesOutside(function)) {
                add(StatementAccesses.CALL, function);
            }
        }
        return toClassifiedAsIs(display);
    }

    private ClassifiedSql toClassifiedAsIs(String display) {
        return new ClassifiedSql(operations.toArray(new String[0]), resources.toArray(new String[0]), display);
    }
}
