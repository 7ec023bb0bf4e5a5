package com.example.pool;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

/**
 * What a connection pool hands out: a Statement of its own that delegates to the driver's. Lives
 * outside io.mandate.* so the agent instruments it like any pool's class.
 */
public class DelegatingStatement implements Statement {
    private final Statement delegate;

    public DelegatingStatement(Statement delegate) {
        this.delegate = delegate;
    }

    @Override public ResultSet executeQuery(String sql) throws SQLException { return delegate.executeQuery(sql); }
    @Override public int executeUpdate(String sql) throws SQLException { return delegate.executeUpdate(sql); }
    @Override public void close() throws SQLException { delegate.close(); }
    @Override public int getMaxFieldSize() throws SQLException { return delegate.getMaxFieldSize(); }
    @Override public void setMaxFieldSize(int max) throws SQLException { delegate.setMaxFieldSize(max); }
    @Override public int getMaxRows() throws SQLException { return delegate.getMaxRows(); }
    @Override public void setMaxRows(int max) throws SQLException { delegate.setMaxRows(max); }
    @Override public void setEscapeProcessing(boolean enable) throws SQLException { delegate.setEscapeProcessing(enable); }
    @Override public int getQueryTimeout() throws SQLException { return delegate.getQueryTimeout(); }
    @Override public void setQueryTimeout(int seconds) throws SQLException { delegate.setQueryTimeout(seconds); }
    @Override public void cancel() throws SQLException { delegate.cancel(); }
    @Override public SQLWarning getWarnings() throws SQLException { return delegate.getWarnings(); }
    @Override public void clearWarnings() throws SQLException { delegate.clearWarnings(); }
    @Override public void setCursorName(String name) throws SQLException { delegate.setCursorName(name); }
    @Override public boolean execute(String sql) throws SQLException { return delegate.execute(sql); }
    @Override public ResultSet getResultSet() throws SQLException { return delegate.getResultSet(); }
    @Override public int getUpdateCount() throws SQLException { return delegate.getUpdateCount(); }
    @Override public boolean getMoreResults() throws SQLException { return delegate.getMoreResults(); }
    @Override public void setFetchDirection(int direction) throws SQLException { delegate.setFetchDirection(direction); }
    @Override public int getFetchDirection() throws SQLException { return delegate.getFetchDirection(); }
    @Override public void setFetchSize(int rows) throws SQLException { delegate.setFetchSize(rows); }
    @Override public int getFetchSize() throws SQLException { return delegate.getFetchSize(); }
    @Override public int getResultSetConcurrency() throws SQLException { return delegate.getResultSetConcurrency(); }
    @Override public int getResultSetType() throws SQLException { return delegate.getResultSetType(); }
    @Override public void addBatch(String sql) throws SQLException { delegate.addBatch(sql); }
    @Override public void clearBatch() throws SQLException { delegate.clearBatch(); }
    @Override public int[] executeBatch() throws SQLException { return delegate.executeBatch(); }
    @Override public Connection getConnection() throws SQLException { return delegate.getConnection(); }
    @Override public boolean getMoreResults(int current) throws SQLException { return delegate.getMoreResults(current); }
    @Override public ResultSet getGeneratedKeys() throws SQLException { return delegate.getGeneratedKeys(); }
    @Override public int executeUpdate(String sql, int keys) throws SQLException { return delegate.executeUpdate(sql, keys); }
    @Override public int executeUpdate(String sql, int[] columns) throws SQLException { return delegate.executeUpdate(sql, columns); }
    @Override public int executeUpdate(String sql, String[] columns) throws SQLException { return delegate.executeUpdate(sql, columns); }
    @Override public boolean execute(String sql, int keys) throws SQLException { return delegate.execute(sql, keys); }
    @Override public boolean execute(String sql, int[] columns) throws SQLException { return delegate.execute(sql, columns); }
    @Override public boolean execute(String sql, String[] columns) throws SQLException { return delegate.execute(sql, columns); }
    @Override public int getResultSetHoldability() throws SQLException { return delegate.getResultSetHoldability(); }
    @Override public boolean isClosed() throws SQLException { return delegate.isClosed(); }
    @Override public void setPoolable(boolean poolable) throws SQLException { delegate.setPoolable(poolable); }
    @Override public boolean isPoolable() throws SQLException { return delegate.isPoolable(); }
    @Override public void closeOnCompletion() throws SQLException { delegate.closeOnCompletion(); }
    @Override public boolean isCloseOnCompletion() throws SQLException { return delegate.isCloseOnCompletion(); }
    @Override public <T> T unwrap(Class<T> iface) throws SQLException { return delegate.unwrap(iface); }
    @Override public boolean isWrapperFor(Class<?> iface) throws SQLException { return delegate.isWrapperFor(iface); }
}
