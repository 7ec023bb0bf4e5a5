package io.mandate.bootstrap.jdbc;

/**
 * What the JDBC advice inlined into driver classes calls into: implemented by the JDBC
 * instrumentation inside the isolated agent class loader. Boot-visible, so its signatures use JDK
 * types only; java.sql types are not visible from the boot loader, hence Object for statements.
 *
 * Implementations never throw: a call that must be stopped is answered with the exception to
 * throw, and internal failures are handled (and reported) inside.
 */
public interface JdbcHooks {
    /**
     * An outermost Statement execution is about to reach the driver.
     *
     * @param statement the Statement
     * @param sql       the SQL passed to the execute method, or null when it was prepared earlier
     * @param batch     true for executeBatch / executeLargeBatch
     * @return the in-flight call to hand back to {@link #afterExecute}, a {@link Throwable} to throw
     *         instead of running the call, or null when there is nothing to finish
     */
    Object beforeExecute(Object statement, String sql, boolean batch);

    /** The call {@link #beforeExecute} let through has returned ({@code error} null) or thrown. */
    void afterExecute(Object call, Throwable error);

    /** A nested executeBatch is about to run: the driver resets the statement's batch. */
    void batchExecutedNested(Object statement);

    /** A Connection prepared {@code statement} for {@code sql} (prepareStatement / prepareCall). */
    void prepared(Object statement, String sql);

    /** addBatch(String) when {@code sql} is non-null, PreparedStatement.addBatch() when null. */
    void batchAdded(Object statement, String sql);

    void batchCleared(Object statement);

    /**
     * One row was read by the application (every row is counted, so the journal can say how many
     * rows each statement yielded); returns the exception to throw when over a row budget.
     */
    Throwable rowRead();

    /** ResultSet.next() returned false: the application has read every row of a result set. */
    void rowsEnded();

    /** Dispatches nowhere: the state before install and after uninstall. */
    JdbcHooks NONE = new JdbcHooks() {
        @Override public Object beforeExecute(Object statement, String sql, boolean batch) { return null; }

        @Override public void afterExecute(Object call, Throwable error) { }

        @Override public void batchExecutedNested(Object statement) { }

        @Override public void prepared(Object statement, String sql) { }

        @Override public void batchAdded(Object statement, String sql) { }

        @Override public void batchCleared(Object statement) { }

        @Override public Throwable rowRead() { return null; }

        @Override public void rowsEnded() { }
    };
}
