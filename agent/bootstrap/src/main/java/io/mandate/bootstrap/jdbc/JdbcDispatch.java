package io.mandate.bootstrap.jdbc;

import io.mandate.bootstrap.CallGuard;

/**
 * The static entry points JDBC advice calls. Owns the re-entrancy protocol so every advised method
 * pairs {@link CallGuard#enter()} with exactly one {@link CallGuard#exit()}, even when the call
 * is denied from enter advice (Byte Buddy skips exit advice then): a denial is returned only after
 * the guard was left.
 *
 * Anything thrown by the hooks is swallowed here: a broken agent must never break the
 * application's call (the hooks themselves report and decide their internal failures).
 */
public final class JdbcDispatch {
    public static final int ROW_READ_OUTERMOST = 1;
    public static final int ROW_READ_NESTED = 2;

    private static volatile JdbcHooks hooks = JdbcHooks.NONE;

    private JdbcDispatch() {
    }

    public static void install(JdbcHooks installed) {
        hooks = installed == null ? JdbcHooks.NONE : installed;
    }

    public static void uninstall() {
        hooks = JdbcHooks.NONE;
    }

    /**
     * Enter advice of execute* (batch false) and executeBatch (batch true). Returns the in-flight
     * call for {@link #exitExecute}, null, or a Throwable the advice must throw (the guard is
     * already left then, and the exit advice will not run).
     */
    public static Object enterExecute(Object statement, String sql, boolean batch) {
        if (!CallGuard.enter()) {
            if (batch) {
                try {
                    hooks.batchExecutedNested(statement);
                } catch (Throwable ignored) {
                    // bookkeeping only
                }
            }
            return null;
        }
        Object call;
        try {
            call = hooks.beforeExecute(statement, sql, batch);
        } catch (Throwable ignored) {
            call = null;
        }
        if (call instanceof Throwable) {
            CallGuard.exit();
        }
        return call;
    }

    /** Exit advice of every method whose enter advice was {@link #enterExecute}. */
    public static void exitExecute(Object call, Throwable error) {
        try {
            if (call != null) {
                hooks.afterExecute(call, error);
            }
        } catch (Throwable ignored) {
            // the application's own outcome stands
        } finally {
            CallGuard.exit();
        }
    }

    public static void prepared(Object statement, String sql) {
        if (statement == null) {
            return;
        }
        try {
            hooks.prepared(statement, sql);
        } catch (Throwable ignored) {
            // bookkeeping only: the statement is then decided as unknown SQL
        }
    }

    public static void batchAdded(Object statement, String sql) {
        try {
            hooks.batchAdded(statement, sql);
        } catch (Throwable ignored) {
            // bookkeeping only
        }
    }

    public static void batchCleared(Object statement) {
        try {
            hooks.batchCleared(statement);
        } catch (Throwable ignored) {
            // bookkeeping only
        }
    }

    /**
     * Enter advice of ResultSet.next(): {@link #ROW_READ_OUTERMOST} when the application reads,
     * {@link #ROW_READ_NESTED} when the driver or the agent itself does (not counted), for {@link #exitRowRead}.
     * Every outermost row is counted, metered by a policy or not: the journal records the rows each
     * statement yielded.
     */
    public static int enterRowRead() {
        return CallGuard.enter() ? ROW_READ_OUTERMOST : ROW_READ_NESTED;
    }

    /** Exit advice of ResultSet.next(): the Throwable to throw when the row budget is exceeded, else null. */
    public static Throwable exitRowRead(int entered, boolean rowRead) {
        try {
            if (entered != ROW_READ_OUTERMOST) {
                return null;
            }
            if (rowRead) {
                return hooks.rowRead();
            }
            hooks.rowsEnded();
            return null;
        } catch (Throwable ignored) {
            return null;
        } finally {
            CallGuard.exit();
        }
    }
}
