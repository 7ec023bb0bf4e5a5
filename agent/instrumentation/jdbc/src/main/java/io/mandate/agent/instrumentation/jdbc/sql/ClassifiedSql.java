package io.mandate.agent.instrumentation.jdbc.sql;

import io.mandate.policy.Request;

import java.util.Arrays;

/**
 * What one SQL text touches, ready to be added to a request without allocating: one access per
 * (operation, table), and the redacted form the journal shows. Immutable and shared by every
 * execution of the same SQL text.
 */
public final class ClassifiedSql {
    public static final String UNKNOWN = "unknown";

    private final String[] operations;
    private final String[] resources;
    private final String display;
    private final String mainOperation;

    ClassifiedSql(String[] operations, String[] resources, String display) {
        this.operations = operations;
        this.resources = resources;
        this.display = display;
        this.mainOperation = operations.length > 0 ? operations[0] : firstWord(display);
    }

    /**
     * One decision for several statements (a batch): every distinct access once, in order.
     * {@code display} is what the journal shows for the whole batch.
     */
    public static ClassifiedSql combine(Iterable<ClassifiedSql> parts, String display) {
        AccessList accesses = new AccessList();
        for (ClassifiedSql part : parts) {
            for (int i = 0; i < part.operations.length; i++) {
                accesses.add(part.operations[i], part.resources[i]);
            }
        }
        return accesses.toClassified(display);
    }

    /** This statement's accesses shown as {@code display}. */
    public ClassifiedSql withDisplay(String newDisplay) {
        return new ClassifiedSql(operations, resources, newDisplay);
    }

    /** Statements touching no table (SELECT 1, COMMIT) are named by their first keyword. */
    private static String firstWord(String display) {
        int end = 0;
        while (end < display.length() && Character.isLetter(display.charAt(end))) {
            end++;
        }
        return end == 0 ? "statement" : display.substring(0, end).toLowerCase(java.util.Locale.ROOT);
    }

    /** SQL no parser could read: exactly one access, ("unknown", ""). */
    public static ClassifiedSql unknown(String display) {
        return new ClassifiedSql(new String[] {UNKNOWN}, new String[] {""}, display);
    }

    /** The operation the journal files the call under: the first access's, else the statement's keyword. */
    public String mainOperation() {
        return mainOperation;
    }

    public int accessCount() {
        return operations.length;
    }

    public String operation(int index) {
        return operations[index];
    }

    public String resource(int index) {
        return resources[index];
    }

    /** The SQL with every literal replaced by {@code ?}: safe to journal. */
    public String display() {
        return display;
    }

    public void addAccessesTo(Request request) {
        for (int i = 0; i < operations.length; i++) {
            request.access(operations[i], resources[i]);
        }
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < operations.length; i++) {
            s.append(i == 0 ? "" : ", ").append(operations[i]).append(' ').append(resources[i]);
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClassifiedSql that && Arrays.equals(operations, that.operations)
                && Arrays.equals(resources, that.resources) && display.equals(that.display);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(operations) + Arrays.hashCode(resources);
    }
}
