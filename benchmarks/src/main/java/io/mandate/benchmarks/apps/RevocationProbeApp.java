package io.mandate.benchmarks.apps;

import io.mandate.api.Chain;
import io.mandate.api.Mandate;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * The application the live-control benchmarks ({@code io.mandate.benchmarks.control}) steer over
 * stdin, one command a line, answering on stdout:
 *
 * <ul>
 *   <li>{@code chain}: opens a chain, prints {@code chain <id>}, then makes one decided JDBC call
 *       after each pause of {@value #PAUSE_NANOS} ns (50-80 µs on Linux) until one is denied, and prints
 *       {@code denied <System.nanoTime() of the denial> <calls made>}. The harness revokes the chain
 *       from outside meanwhile; nanoTime is the machine's monotonic clock, the same in both JVMs.</li>
 *   <li>{@code inprocess N}: N times, opens a chain, makes a call, revokes it with
 *       {@link Mandate#revokeChain} and makes the next call; prints how long the revoke call took
 *       (p50, p99, max in ns) and how many next calls were not denied (must be 0).</li>
 *   <li>{@code exit}.</li>
 * </ul>
 *
 * The attach-time benchmark starts it without an agent, loads the agent into it once it printed
 * {@code ready}, and only sends {@code exit}.
 */
public final class RevocationProbeApp {
    /** Between calls: short enough to resolve well under a millisecond, long enough not to flood the journal. */
    static final long PAUSE_NANOS = 20_000;

    private RevocationProbeApp() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:probe;DB_CLOSE_DELAY=-1", "sa", "")) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE TABLE revocation_probe (id INT PRIMARY KEY)");
                ddl.execute("INSERT INTO revocation_probe VALUES (1)");
            }
            PreparedStatement select = connection.prepareStatement("SELECT id FROM revocation_probe WHERE id = ?");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            System.out.println("ready");
            System.out.flush();
            for (String line; (line = in.readLine()) != null; ) {
                String[] words = line.trim().split(" ");
                switch (words[0]) {
                    case "chain" -> untilRevoked(select);
                    case "inprocess" -> inProcess(select, Integer.parseInt(words[1]));
                    case "exit" -> {
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown command " + line);
                }
                System.out.flush();
            }
        }
    }

    private static void untilRevoked(PreparedStatement select) {
        try (Chain chain = Mandate.openChain("revocation-bench", "probe", "bench")) {
            System.out.println("chain " + chain.context().chainId());
            System.out.flush();
            long calls = 0;
            while (true) {
                calls++;
                if (denied(select)) {
                    System.out.println("denied " + System.nanoTime() + " " + calls);
                    return;
                }
                // parked, not spinning: on 2 cores a spinning app would take the core the agent's
                // control thread needs (Linux wakes it after 50-80 µs, which bounds the resolution)
                LockSupport.parkNanos(PAUSE_NANOS);
            }
        }
    }

    private static void inProcess(PreparedStatement select, int iterations) {
        long[] revokeNanos = new long[iterations];
        int notDenied = 0;
        for (int i = 0; i < iterations; i++) {
            try (Chain chain = Mandate.openChain("revocation-bench", "in-process probe", "bench")) {
                if (denied(select)) {
                    throw new IllegalStateException("a fresh chain was denied");
                }
                long start = System.nanoTime();
                Mandate.revokeChain(chain.context().chainId(), "benchmark");
                revokeNanos[i] = System.nanoTime() - start;
                if (!denied(select)) {
                    notDenied++;
                }
            }
        }
        Arrays.sort(revokeNanos);
        System.out.println("inprocess " + revokeNanos[iterations / 2] + " " + revokeNanos[(int) (iterations * 0.99)] + " "
                + revokeNanos[iterations - 1] + " " + notDenied);
    }

    private static boolean denied(PreparedStatement select) {
        try {
            select.setInt(1, 1);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
            }
            return false;
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                return true;
            }
            throw new IllegalStateException(e);
        }
    }
}
