package io.mandate.benchmarks.apps;

import com.sun.management.OperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The measured work: one prepared primary-key select per call, the statement prepared once as
 * real data-access code does, so every call goes through the driver's execute path that an agent
 * intercepts. Batches are time-boxed rather than sized, so a slow configuration (PostgreSQL over
 * loopback, a heavy agent) still finishes in the planned wall time.
 */
final class PreparedSelectLoop implements AutoCloseable {
    /** Calls between two clock reads: enough that reading the clock costs nothing measurable. */
    private static final int CALLS_PER_CLOCK_CHECK = 256;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final OperatingSystemMXBean processCpu =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final PreparedStatement select;
    private final int rows;
    private int nextId;
    private long checksum;

    PreparedSelectLoop(Connection connection, int rows) throws SQLException {
        this.select = connection.prepareStatement(AccountsTable.SELECT_BY_ID);
        this.rows = rows;
    }

    /** Runs calls for at least {@code millis} and returns their mean cost per call. */
    BatchTiming runBatch(long millis) throws SQLException {
        long budget = millis * 1_000_000L;
        long calls = 0;
        long processCpuStart = processCpu.getProcessCpuTime();
        long threadCpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long elapsed;
        do {
            for (int i = 0; i < CALLS_PER_CLOCK_CHECK; i++) {
                selectOne();
            }
            calls += CALLS_PER_CLOCK_CHECK;
            elapsed = System.nanoTime() - start;
        } while (elapsed < budget);
        long threadCpu = threads.getCurrentThreadCpuTime() - threadCpuStart;
        long processCpu = this.processCpu.getProcessCpuTime() - processCpuStart;
        return new BatchTiming((double) elapsed / calls, (double) threadCpu / calls, (double) processCpu / calls);
    }

    private void selectOne() throws SQLException {
        nextId = nextId == rows ? 1 : nextId + 1;
        select.setInt(1, nextId);
        try (ResultSet result = select.executeQuery()) {
            if (result.next()) {
                checksum += result.getLong(2);
            }
        }
    }

    /** Sum of the balances read: printed so the JIT cannot treat the reads as dead. */
    long checksum() {
        return checksum;
    }

    @Override
    public void close() throws SQLException {
        select.close();
    }
}
