package io.mandate.agent.instrumentation.file.advice;

import io.mandate.bootstrap.file.FileDispatch;
import io.mandate.bootstrap.file.FileHooks;
import net.bytebuddy.asm.Advice;

import java.nio.file.Path;

/**
 * Inlined into the one-path operations of {@code UnixFileSystemProvider}: {@code implDelete}
 * (Files.delete, deleteIfExists), {@code createDirectory} (Files.createDirectory,
 * createDirectories) and {@code newDirectoryStream} (Files.newDirectoryStream, list, walk, find,
 * walkFileTree). A denial is thrown as an AccessDeniedException.
 */
public final class PathOperationAdvice {
    private PathOperationAdvice() {
    }

    @Advice.OnMethodEnter
    public static Object enter(@Advice.Argument(0) Path path, @Advice.Origin("#m") String method) throws Throwable {
        int operation = method.equals("implDelete") ? FileHooks.NIO_DELETE
                : method.equals("createDirectory") ? FileHooks.NIO_MKDIR : FileHooks.NIO_LIST;
        Object call = FileDispatch.enterNio(operation, path, null, null);
        if (call instanceof Throwable) {
            throw (Throwable) call;
        }
        return call;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit(@Advice.Enter Object call, @Advice.Thrown Throwable thrown) {
        FileDispatch.exit(call, thrown);
    }
}
