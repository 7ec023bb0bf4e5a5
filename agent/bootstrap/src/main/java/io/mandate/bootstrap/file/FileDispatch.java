package io.mandate.bootstrap.file;

import io.mandate.bootstrap.CallGuard;

import java.io.File;
import java.nio.file.Path;
import java.util.Set;

/**
 * The static entry points the file advice calls. Owns the re-entrancy protocol: every advised
 * method pairs {@link CallGuard#enter()} with exactly one {@link CallGuard#exit()}. A denial is
 * returned only after the guard was left: thrown from enter advice (Byte Buddy skips exit advice
 * then), or, for an API that reports failure by a return value, skipped and handed to exit advice,
 * where {@link #exit} sees the Throwable and leaves the guard alone.
 *
 * Whatever the JDK does inside a decided operation (a copy opening its target, a move falling back
 * to copy and delete, {@code mkdirs} creating each parent) is nested in it and not decided again;
 * so is all file I/O of the agent's own work (deciding, journaling, loading its classes), which
 * holds the guard.
 *
 * Anything thrown by the hooks is swallowed here: a broken agent must never break the
 * application's file operation (the hooks themselves report and decide their internal failures).
 */
public final class FileDispatch {
    private static volatile FileHooks hooks = FileHooks.NONE;

    private FileDispatch() {
    }

    public static void install(FileHooks installed) {
        hooks = installed == null ? FileHooks.NONE : installed;
    }

    public static void uninstall() {
        hooks = FileHooks.NONE;
    }

    /**
     * Enter advice of a java.io operation. Returns the in-flight call for {@link #exit}, null, or a
     * Throwable: to throw, or for return-value APIs to skip the method with (the guard is left then).
     */
    public static Object enterIo(int operation, String path, String other, int flags) {
        if (!CallGuard.enter()) {
            return null;
        }
        Object call;
        try {
            call = path == null ? null : hooks.beforeIo(operation, path, other, flags);
        } catch (Throwable ignored) {
            call = null;
        }
        if (call instanceof Throwable) {
            CallGuard.exit();
        }
        return call;
    }

    /** As {@link #enterIo}, for the NIO operations of the default file system provider. */
    public static Object enterNio(int operation, Path path, Path other, Set<?> options) {
        if (!CallGuard.enter()) {
            return null;
        }
        Object call;
        try {
            call = path == null ? null : hooks.beforeNio(operation, path, other, options);
        } catch (Throwable ignored) {
            call = null;
        }
        if (call instanceof Throwable) {
            CallGuard.exit();
        }
        return call;
    }

    /**
     * Exit advice of every method whose enter advice was {@link #enterIo} or {@link #enterNio}. A
     * Throwable is a denial whose method was skipped: the guard was left when it was returned.
     */
    public static void exit(Object call, Throwable error) {
        if (call instanceof Throwable) {
            return;
        }
        try {
            if (call != null) {
                hooks.after(call, error);
            }
        } catch (Throwable ignored) {
            // the application's own outcome stands
        } finally {
            CallGuard.exit();
        }
    }

    /**
     * Exit advice of an open that returned normally, before {@link #exit}: {@code stream} is what the
     * decided open made (the stream itself, or the channel it returned), for byte metering.
     */
    public static void opened(Object call, Object stream) {
        if (call == null || call instanceof Throwable || stream == null) {
            return;
        }
        try {
            hooks.opened(call, stream);
        } catch (Throwable ignored) {
            // metering bookkeeping only
        }
    }

    /**
     * Enter advice of {@code ZipFile.Source.get}, where every ZipFile and JarFile opens its file: the
     * JVM opening a jar or jmod to read code (class loaders, ServiceLoader, the module system) holds
     * the guard, so its RandomAccessFile is not decided. True when the guard was entered, for
     * {@link #exitArchive}.
     */
    public static boolean enterArchive(File file, boolean deleteWhenClosed) {
        if (file == null || deleteWhenClosed || CallGuard.active()) {
            return false;
        }
        try {
            if (!hooks.isCodeArchive(file.getPath())) {
                return false;
            }
        } catch (Throwable ignored) {
            return false;
        }
        CallGuard.enter();
        return true;
    }

    public static void exitArchive(boolean entered) {
        if (entered) {
            CallGuard.exit();
        }
    }

    /** Loads the bridge classes now, so the first file operation never loads them from inside java.io. */
    public static void preload() {
        exit(enterIo(0, null, null, 0), null);
        exit(enterNio(0, null, null, null), null);
        exitArchive(enterArchive(null, false));
        opened(null, null);
    }
}
