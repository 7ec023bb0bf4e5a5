package io.mandate.agent.instrumentation.file.runtime;

import io.mandate.agent.enforcement.Enforcer;
import io.mandate.agent.enforcement.EpochClock;
import io.mandate.agent.enforcement.InFlightCall;
import io.mandate.bootstrap.file.FileHooks;
import io.mandate.policy.Decision;
import io.mandate.policy.Kind;
import io.mandate.policy.Request;

import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Decides file operations: the agent-side implementation of the hooks the java.io and NIO advice
 * dispatch to. Each operation becomes the accesses it makes, on the path each really leads to
 * ({@link RealPaths}):
 * <ul>
 *   <li>an open: {@code read} and/or {@code write}, plus {@code create} when it may create a file that
 *   does not exist yet ({@code CREATE}, {@code CREATE_NEW}, a FileOutputStream, a read-write
 *   RandomAccessFile), plus {@code delete} for {@code DELETE_ON_CLOSE};</li>
 *   <li>delete: {@code delete}; listing a directory: {@code list}; mkdir, createNewFile and a new
 *   symbolic link: {@code create} of the new name;</li>
 *   <li>copy: {@code read} of the source, {@code write} (and {@code create} when new) of the target;
 *   move and rename: {@code delete} of the source, {@code write} (and {@code create}) of the target;
 *   a hard link: {@code create} of the new name, {@code read} and {@code write} of the file it
 *   shares (the link gives both).</li>
 * </ul>
 * The JVM's own reads and the agent's own files are never decided ({@link ExemptPaths}).
 *
 * Anything that goes wrong in here is reported once per place and lets the operation through
 * undecided: the hooks never break the application's file I/O.
 */
public final class FileEnforcement implements FileHooks {
    static final String READ = "read";
    static final String WRITE = "write";
    static final String CREATE = "create";
    static final String DELETE = "delete";
    static final String LIST = "list";

    /** RandomAccessFile's open mode bit for read-write ({@code O_RDWR} in java.io.RandomAccessFile). */
    static final int RANDOM_ACCESS_READ_WRITE = 2;

    private final Enforcer enforcer;
    private final RealPaths realPaths;
    private final ExemptPaths exempt;
    private final String workingDirectory;
    private final BiConsumer<String, Throwable> internalErrors;
    private final FileByteMeter bytes;
    /** Null: the flight recorder's files are decided like any other (unit tests). */
    private final FlightRecorderFiles flightRecorder;
    private final EpochClock clock = new EpochClock();

    /**
     * One call in flight and its resolved paths. A young object per call, not one reused per
     * thread: under G1 the references stored into a long-lived holder cost a StoreLoad fence each.
     */
    static final class FileCall {
        final InFlightCall call = new InFlightCall();
        final RealPaths.Resolved first = new RealPaths.Resolved();
        final RealPaths.Resolved second = new RealPaths.Resolved();
        /** The operation changes what a name refers to (delete, rename, new link): the real-path cache is stale after it. */
        boolean renames;
    }

    public FileEnforcement(Enforcer enforcer, RealPaths realPaths, ExemptPaths exempt, String workingDirectory,
                           BiConsumer<String, Throwable> internalErrors) {
        this(enforcer, realPaths, exempt, workingDirectory, internalErrors, null, null);
    }

    /**
     * @param bytes          meters the bytes of the streams decided opens make, or null for none
     * @param flightRecorder lets the flight recorder do its own file work whatever the policy says, or null
     */
    public FileEnforcement(Enforcer enforcer, RealPaths realPaths, ExemptPaths exempt, String workingDirectory,
                           BiConsumer<String, Throwable> internalErrors, FileByteMeter bytes,
                           FlightRecorderFiles flightRecorder) {
        this.bytes = bytes;
        this.flightRecorder = flightRecorder;
        this.enforcer = enforcer;
        this.realPaths = realPaths;
        this.exempt = exempt;
        this.workingDirectory = workingDirectory;
        this.internalErrors = internalErrors;
    }

    @Override
    public Object beforeIo(int operation, String path, String other, int flags) {
        long startNanos = System.nanoTime();
        try {
            String absolute = LexicalPaths.absolute(path, workingDirectory);
            FileCall call = new FileCall();
            call.renames = false;
            switch (operation) {
                case IO_READ:
                    return exempt.readExempt(absolute) ? null
                            : open(call, true, path, absolute, true, false, false, false, startNanos);
                case IO_WRITE:
                    return exempt.changeExempt(absolute) ? null
                            : open(call, true, path, absolute, false, true, true, false, startNanos);
                case IO_RANDOM_ACCESS: {
                    boolean write = (flags & RANDOM_ACCESS_READ_WRITE) != 0;
                    if (write ? exempt.changeExempt(absolute) : exempt.readExempt(absolute)) {
                        return null;
                    }
                    return open(call, true, path, absolute, true, write, write, false, startNanos);
                }
                case IO_DELETE:
                    call.renames = true;
                    return exempt.changeExempt(absolute) ? null
                            : single(call, true, path, absolute, DELETE, startNanos);
                case IO_LIST:
                    return exempt.readExempt(absolute) ? null : single(call, true, path, absolute, LIST, startNanos);
                case IO_MKDIR:
                case IO_CREATE_NEW:
                    return exempt.changeExempt(absolute) ? null
                            : single(call, true, path, absolute, CREATE, startNanos);
                case IO_RENAME: {
                    call.renames = true;
                    String target = LexicalPaths.absolute(other, workingDirectory);
                    if (exempt.changeExempt(absolute) && exempt.changeExempt(target)) {
                        return null;
                    }
                    return pair(call, true, path, absolute, other, target, DELETE, startNanos);
                }
                default:
                    return null;
            }
        } catch (RuntimeException | LinkageError e) {
            internalErrors.accept("file.decide", e);
            return null;
        }
    }

    @Override
    public Object beforeNio(int operation, Path path, Path other, Set<?> options) {
        long startNanos = System.nanoTime();
        try {
            String given = path.toString();
            String absolute = LexicalPaths.absolute(given, workingDirectory);
            FileCall call = new FileCall();
            call.renames = false;
            switch (operation) {
                case NIO_OPEN:
                    return openWithOptions(call, given, absolute, options, startNanos);
                case NIO_DELETE:
                    call.renames = true;
                    return exempt.changeExempt(absolute) ? null
                            : single(call, false, given, absolute, DELETE, startNanos);
                case NIO_LIST:
                    return exempt.readExempt(absolute) ? null : single(call, false, given, absolute, LIST, startNanos);
                case NIO_MKDIR:
                    return exempt.changeExempt(absolute) ? null
                            : single(call, false, given, absolute, CREATE, startNanos);
                case NIO_SYMLINK:
                    call.renames = true;
                    return exempt.changeExempt(absolute) ? null
                            : single(call, false, given, absolute, CREATE, startNanos);
                case NIO_COPY:
                case NIO_MOVE:
                case NIO_HARD_LINK: {
                    if (other == null) {
                        return null;
                    }
                    String otherGiven = other.toString();
                    String target = LexicalPaths.absolute(otherGiven, workingDirectory);
                    if (operation == NIO_COPY) {
                        if (exempt.readExempt(absolute) && exempt.changeExempt(target)) {
                            return null;
                        }
                        return pair(call, false, given, absolute, otherGiven, target, READ, startNanos);
                    }
                    if (operation == NIO_MOVE) {
                        call.renames = true;
                        if (exempt.changeExempt(absolute) && exempt.changeExempt(target)) {
                            return null;
                        }
                        return pair(call, false, given, absolute, otherGiven, target, DELETE, startNanos);
                    }
                    if (exempt.changeExempt(absolute) && exempt.changeExempt(target)) {
                        return null;
                    }
                    return hardLink(call, given, absolute, otherGiven, target, startNanos);
                }
                default:
                    return null;
            }
        } catch (RuntimeException | LinkageError e) {
            internalErrors.accept("file.decide", e);
            return null;
        }
    }

    private Object openWithOptions(FileCall call, String given, String absolute, Set<?> options, long startNanos) {
        boolean write = options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND);
        boolean read = !write || options.contains(StandardOpenOption.READ);
        // the JDK ignores CREATE and CREATE_NEW for a channel opened without write access
        boolean create = write && (options.contains(StandardOpenOption.CREATE)
                || options.contains(StandardOpenOption.CREATE_NEW));
        boolean delete = options.contains(StandardOpenOption.DELETE_ON_CLOSE);
        if (delete) {
            call.renames = true;
        }
        boolean exempted = write || delete ? exempt.changeExempt(absolute) : exempt.readExempt(absolute);
        if (exempted) {
            return null;
        }
        return open(call, false, given, absolute, read, write, create, delete, startNanos);
    }

    private Object open(FileCall call, boolean io, String given, String absolute, boolean read, boolean write,
                        boolean create, boolean delete, long startNanos) {
        RealPaths.Resolved resolved = call.first;
        realPaths.resolve(absolute, resolved);
        Request request = enforcer.request(Kind.FILE);
        String operation = READ;
        if (read) {
            request.access(READ, resolved.path);
        }
        if (write) {
            request.access(WRITE, resolved.path);
            operation = WRITE;
        }
        if (create && !resolved.exists) {
            request.access(CREATE, resolved.path);
            operation = CREATE;
        }
        if (delete) {
            request.access(DELETE, resolved.path);
        }
        return decide(call, io, request, operation, given, display(absolute, resolved.path), null, startNanos);
    }

    private Object single(FileCall call, boolean io, String given, String absolute, String operation,
                          long startNanos) {
        RealPaths.Resolved resolved = call.first;
        realPaths.resolve(absolute, resolved);
        Request request = enforcer.request(Kind.FILE).access(operation, resolved.path);
        return decide(call, io, request, operation, given, display(absolute, resolved.path), null, startNanos);
    }

    /** Copy ({@code read} of the source) or move and rename ({@code delete} of the source), to a target written and maybe created. */
    private Object pair(FileCall call, boolean io, String given, String absolute, String otherGiven, String target,
                        String sourceOperation, long startNanos) {
        RealPaths.Resolved source = call.first;
        RealPaths.Resolved destination = call.second;
        realPaths.resolve(absolute, source);
        realPaths.resolve(target, destination);
        Request request = enforcer.request(Kind.FILE).access(sourceOperation, source.path)
                .access(WRITE, destination.path);
        if (!destination.exists) {
            request.access(CREATE, destination.path);
        }
        String operation = sourceOperation.equals(READ) ? "copy" : "move";
        String display = display(absolute, source.path) + " -> " + display(target, destination.path);
        return decide(call, io, request, operation, given, display, otherGiven, startNanos);
    }

    private Object hardLink(FileCall call, String given, String absolute, String existingGiven, String existing,
                            long startNanos) {
        RealPaths.Resolved link = call.first;
        RealPaths.Resolved shared = call.second;
        realPaths.resolve(absolute, link);
        realPaths.resolve(existing, shared);
        Request request = enforcer.request(Kind.FILE).access(CREATE, link.path).access(READ, shared.path)
                .access(WRITE, shared.path);
        String display = display(absolute, link.path) + " => " + display(existing, shared.path);
        return decide(call, false, request, CREATE, given, display, existingGiven, startNanos);
    }

    private Object decide(FileCall call, boolean io, Request request, String operation, String given, String display,
                          String otherGiven, long startNanos) {
        Decision decision = enforcer.decide(request);
        if (decision.denied() && flightRecorder != null && flightRecorder.recorderAtWork()) {
            return null; // the flight recorder's own files: the JVM's own I/O
        }
        if (enforcer.blocks(decision)) {
            enforcer.record(request, decision, true, operation, display, clock.epochNanos(startNanos), 0L, null);
            String message = denialMessage(request, decision);
            return io ? new FileNotFoundPolicyDenial(given + (otherGiven == null ? "" : " -> " + otherGiven)
                            + " (" + message + ")", decision.ruleId(), decision.reason())
                    : new AccessDeniedPolicyDenial(given, otherGiven, message, decision.ruleId(), decision.reason());
        }
        call.call.start(request, decision, operation, display, clock.epochNanos(startNanos), startNanos);
        return call;
    }

    @Override
    public boolean isCodeArchive(String path) {
        return path.endsWith(".jar") || path.endsWith(".jmod");
    }

    @Override
    public void opened(Object call, Object stream) {
        if (bytes != null && call instanceof FileCall file && file.call.display != null) {
            try {
                bytes.opened(stream, file.call.display);
            } catch (RuntimeException | LinkageError e) {
                internalErrors.accept("file.bytes", e);
            }
        }
    }

    @Override
    public void after(Object call, Throwable error) {
        if (!(call instanceof FileCall file)) {
            return;
        }
        InFlightCall flight = file.call;
        try {
            if (file.renames) {
                realPaths.changed();
            }
            enforcer.record(flight.request, flight.decision, false, flight.operation, flight.display,
                    flight.startEpochNanos, System.nanoTime() - flight.startNanos, error);
        } catch (RuntimeException | LinkageError e) {
            internalErrors.accept("file.record", e);
        }
    }

    /** The real path, and the path as named when they differ (a link, a {@code ..}). */
    static String display(String absolute, String real) {
        return real.equals(absolute) ? real : real + " (via " + absolute + ")";
    }

    /**
     * "Mandate denied file read of /etc/passwd by rule r: reason"; the operations on one path are
     * named together ("write, create of /x"), the paths of a copy or move in order.
     */
    static String denialMessage(Request request, Decision decision) {
        StringBuilder s = new StringBuilder("Mandate denied file ");
        int count = request.accessCount();
        for (int i = 0; i < count; i++) {
            s.append(request.operation(i));
            if (i + 1 < count && request.resource(i + 1).equals(request.resource(i))) {
                s.append(", ");
            } else {
                s.append(" of ").append(request.resource(i));
                if (i + 1 < count) {
                    s.append("; ");
                }
            }
        }
        s.append(" by rule ").append(decision.ruleId());
        if (!decision.reason().isEmpty()) {
            s.append(": ").append(decision.reason());
        }
        return s.toString();
    }
}
