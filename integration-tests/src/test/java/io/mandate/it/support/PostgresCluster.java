package io.mandate.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster of the machine's own PostgreSQL binaries: initdb into a temp
 * directory, started on a free loopback port with its unix sockets in that directory, trust
 * authentication for a superuser of its own, no fsync (nothing here must survive a crash).
 *
 * PostgreSQL refuses to run as root, so when the tests run as root the server runs as the
 * {@code postgres} OS user (or {@code nobody}) and the temp directory is handed to that user.
 */
public final class PostgresCluster implements AutoCloseable {
    /** The cluster's superuser; trust authentication on loopback, so no password. */
    public static final String SUPERUSER = "mandate";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final AtomicInteger DATABASE_COUNTER = new AtomicInteger();

    private final Path binDir;
    private final Path baseDir;
    private final Path dataDir;
    private final Path socketDir;
    private final Path logFile;
    private final Optional<String> runAs;
    private final int port;
    private volatile boolean stopped;

    private PostgresCluster(Path binDir, Path baseDir, Optional<String> runAs, int port) {
        this.binDir = binDir;
        this.baseDir = baseDir;
        this.dataDir = baseDir.resolve("data");
        this.socketDir = baseDir.resolve("sockets");
        this.logFile = baseDir.resolve("postgres.log");
        this.runAs = runAs;
        this.port = port;
    }

    /**
     * The directory holding initdb and pg_ctl: PATH first, then Debian's
     * /usr/lib/postgresql/VERSION/bin (newest version wins); empty when PostgreSQL is not installed.
     */
    public static Optional<Path> findBinaries() {
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isBlank()) {
                    candidates.add(Paths.get(dir));
                }
            }
        }
        Path debianRoot = Paths.get("/usr/lib/postgresql");
        if (Files.isDirectory(debianRoot)) {
            try (Stream<Path> versions = Files.list(debianRoot)) {
                versions.map(v -> v.resolve("bin"))
                        .sorted(Comparator.comparing(PostgresCluster::majorVersionOf).reversed())
                        .forEach(candidates::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return candidates.stream()
                .filter(dir -> Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl")))
                .findFirst();
    }

    private static int majorVersionOf(Path binDir) {
        try {
            return Integer.parseInt(binDir.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Creates and starts a cluster with the binaries in {@code binDir}; stop it with {@link #close()}. */
    public static PostgresCluster start(Path binDir) {
        Optional<String> runAs = isRoot() ? Optional.of(unprivilegedUser()) : Optional.empty();
        IOException lastPortClash = null;
        // A free port can be taken by someone else between probing and binding: try a few.
        for (int attempt = 1; attempt <= 3; attempt++) {
            Path baseDir = null;
            try {
                baseDir = Files.createTempDirectory(Paths.get(System.getProperty("java.io.tmpdir")), "mandate-it-pg-");
                PostgresCluster cluster = new PostgresCluster(binDir, baseDir, runAs, freeLoopbackPort());
                cluster.initAndStart();
                return cluster;
            } catch (IOException e) {
                lastPortClash = e;
                deleteRecursively(baseDir);
            }
        }
        throw new IllegalStateException("PostgreSQL did not start after 3 attempts", lastPortClash);
    }

    private void initAndStart() throws IOException {
        Files.createDirectories(socketDir);
        if (runAs.isPresent()) {
            handOver(baseDir, runAs.get());
            handOver(socketDir, runAs.get());
        }
        run(List.of(binDir.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", SUPERUSER,
                "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync"), "initdb");
        // Every statement the server receives is logged with the client's application and database,
        // so a test can prove a denied statement never even reached the server. (pg_ctl hands these
        // options to a shell: no shell metacharacters.)
        String serverOptions = "-p " + port + " -k " + socketDir + " -c listen_addresses=127.0.0.1 -F"
                + " -c max_connections=40 -c shared_buffers=16MB"
                + " -c log_statement=all -c log_line_prefix=app=%a,db=%d:";
        try {
            run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-l", logFile.toString(),
                    "-o", serverOptions, "-w", "-t", "60", "start"), "pg_ctl start");
        } catch (IllegalStateException e) {
            // Most likely the port was taken after we probed it; the caller retries on IOException.
            throw new IOException(e.getMessage() + "\nserver log:\n" + serverLog(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "mandate-it-postgres-stop"));
    }

    /** The temp directory holding the cluster's data, sockets and log; deleted by {@link #close()}. */
    public Path directory() {
        return baseDir;
    }

    /** The loopback port the server listens on. */
    public int port() {
        return port;
    }

    /** A JDBC URL for {@code database} over TCP loopback. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates a fresh, empty database named after {@code hint} and returns it. */
    public PostgresDatabase createDatabase(String hint) {
        String name = (hint.toLowerCase().replaceAll("[^a-z0-9]+", "_") + "_" + DATABASE_COUNTER.incrementAndGet());
        name = name.length() > 60 ? name.substring(name.length() - 60) : name;
        if (!Character.isLetter(name.charAt(0))) {
            name = "db_" + name;
        }
        try (Connection admin = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "");
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + "\nserver log:\n" + serverLog(), e);
        }
        return new PostgresDatabase(jdbcUrl(name), SUPERUSER, "", name);
    }

    /** Stops the server at once (its data is thrown away) and deletes the temp directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "immediate", "-w", "stop"),
                    "pg_ctl stop");
        } catch (RuntimeException e) {
            System.err.println("[mandate-it] PostgreSQL did not stop cleanly: " + e.getMessage());
        } finally {
            deleteRecursively(baseDir);
        }
    }

    /**
     * The statements the server received from clients that connected to {@code database} with the
     * JDBC property ApplicationName={@code applicationName}, in order, as the server logged them
     * ("statement: ..." for simple queries, "execute ...: ..." for prepared ones).
     */
    public List<String> statementsReceived(String database, String applicationName) {
        String prefix = "app=" + applicationName + ",db=" + database + ":";
        List<String> statements = new ArrayList<>();
        for (String line : serverLog().split("\n")) {
            if (!line.startsWith(prefix)) {
                continue;
            }
            int statement = line.indexOf("LOG:  statement: ");
            int execute = line.indexOf("LOG:  execute ");
            if (statement >= 0) {
                statements.add(line.substring(statement + "LOG:  ".length()));
            } else if (execute >= 0) {
                statements.add(line.substring(execute + "LOG:  ".length()));
            }
        }
        return statements;
    }

    public String serverLog() {
        try {
            return Files.exists(logFile) ? Files.readString(logFile) : "(no server log)";
        } catch (IOException e) {
            return "(server log unreadable: " + e + ")";
        }
    }

    private void run(List<String> command, String what) {
        List<String> full = new ArrayList<>();
        if (runAs.isPresent()) {
            full.addAll(List.of("runuser", "-u", runAs.get(), "--"));
        }
        full.addAll(command);
        try {
            Path output = Files.createTempFile("mandate-it-pg-cmd-", ".log");
            try {
                // Run in the cluster's directory: the unprivileged user may not be allowed into the build's.
                Process process = new ProcessBuilder(full).directory(baseDir.toFile())
                        .redirectErrorStream(true).redirectOutput(output.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
                if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(what + " did not finish within " + COMMAND_TIMEOUT + ": "
                            + Files.readString(output));
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(what + " failed with exit code " + process.exitValue() + ": "
                            + String.join(" ", full) + "\n" + Files.readString(output));
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(what + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The OS user the server runs as when we are root: postgres (the package creates it), else nobody. */
    private static String unprivilegedUser() {
        UserPrincipalLookupService users = Paths.get("/").getFileSystem().getUserPrincipalLookupService();
        for (String candidate : List.of("postgres", "nobody")) {
            try {
                users.lookupPrincipalByName(candidate);
                return candidate;
            } catch (IOException notThere) {
                // try the next one
            }
        }
        throw new IllegalStateException("running as root, but neither the 'postgres' nor the 'nobody' OS user exists"
                + " to run PostgreSQL as (PostgreSQL refuses to run as root)");
    }

    private static void handOver(Path dir, String user) throws IOException {
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
        view.setOwner(users.lookupPrincipalByName(user));
        try {
            GroupPrincipal group = users.lookupPrincipalByGroupName(user.equals("nobody") ? "nogroup" : user);
            view.setGroup(group);
        } catch (IOException noSuchGroup) {
            // the owner is what PostgreSQL checks; the group is a nicety
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("[mandate-it] could not delete " + dir + ": " + e.getMessage());
        }
    }
}
