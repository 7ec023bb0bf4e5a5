package io.mandate.bootstrap.file;

import java.nio.file.Path;
import java.util.Set;

/**
 * What the advice inlined into java.io and sun.nio.fs calls into: implemented by the file
 * instrumentation inside the isolated agent class loader. Boot-visible, so JDK types only.
 *
 * Implementations never throw: an operation that must be stopped is answered with the exception to
 * throw (or, for APIs that report failure by a return value, a Throwable the advice turns into
 * that value), and internal failures are handled (and reported) inside.
 */
public interface FileHooks {
    /** {@code FileInputStream} (and {@code FileReader}) opening {@code path}. */
    int IO_READ = 1;
    /** {@code FileOutputStream} (and {@code FileWriter}): creates a missing file; {@code flags} 1 = append. */
    int IO_WRITE = 2;
    /** {@code RandomAccessFile}; {@code flags} is its open mode (1 read only, 2 read-write, +4/+8 sync). */
    int IO_RANDOM_ACCESS = 3;
    /** {@code File.delete}. */
    int IO_DELETE = 4;
    /** {@code File.renameTo}: {@code path} to {@code other}. */
    int IO_RENAME = 5;
    /** {@code File.list} and every {@code listFiles}. */
    int IO_LIST = 6;
    /** {@code File.mkdir} (and so {@code mkdirs}, one directory at a time). */
    int IO_MKDIR = 7;
    /** {@code File.createNewFile}. */
    int IO_CREATE_NEW = 8;

    /** A channel opened with {@code options}: {@code newByteChannel}, {@code newFileChannel}, {@code newAsynchronousFileChannel}. */
    int NIO_OPEN = 11;
    /** {@code Files.delete} / {@code deleteIfExists}. */
    int NIO_DELETE = 12;
    /** {@code Files.copy(Path, Path, ...)}: {@code path} to {@code other}. */
    int NIO_COPY = 13;
    /** {@code Files.move}: {@code path} to {@code other}. */
    int NIO_MOVE = 14;
    /** {@code Files.createDirectory} (and so {@code createDirectories}). */
    int NIO_MKDIR = 15;
    /** {@code Files.newDirectoryStream}, {@code list}, {@code walk}, {@code find}, {@code walkFileTree}. */
    int NIO_LIST = 16;
    /** {@code Files.createSymbolicLink}: the link {@code path}, pointing to {@code other}. */
    int NIO_SYMLINK = 17;
    /** {@code Files.createLink}: the new name {@code path} for the existing file {@code other}. */
    int NIO_HARD_LINK = 18;

    /**
     * An outermost java.io file operation is about to reach the operating system.
     *
     * @param path  the path as the application gave it ({@code File.getPath()}), maybe relative
     * @param other the second path of a rename, else null
     * @return the in-flight call for {@link #after}, a Throwable to throw (or to turn into the API's
     *         failure value) instead, or null when there is nothing to finish
     */
    Object beforeIo(int operation, String path, String other, int flags);

    /**
     * An outermost NIO operation of the default (Unix) file system provider is about to run.
     *
     * @param options the open options of {@link #NIO_OPEN}, else null
     */
    Object beforeNio(int operation, Path path, Path other, Set<?> options);

    /**
     * A read-only open of an archive by {@code java.util.zip.ZipFile}: true when it is the JVM reading
     * code (a {@code .jar} or {@code .jmod}), which is never decided.
     */
    boolean isCodeArchive(String path);

    /** The operation {@link #beforeIo} or {@link #beforeNio} let through has returned ({@code error} null) or thrown. */
    void after(Object call, Throwable error);

    /**
     * The open that {@code call} decided and let through has made {@code stream} (a FileInputStream,
     * FileOutputStream, RandomAccessFile or NIO channel): its reads and writes are the application's,
     * and may be metered. Called before {@link #after}.
     */
    default void opened(Object call, Object stream) {
    }

    /** Dispatches nowhere: the state before install and after uninstall. */
    FileHooks NONE = new FileHooks() {
        @Override public Object beforeIo(int operation, String path, String other, int flags) { return null; }

        @Override public Object beforeNio(int operation, Path path, Path other, Set<?> options) { return null; }

        @Override public boolean isCodeArchive(String path) { return false; }

        @Override public void after(Object call, Throwable error) { }
    };
}
