package io.mandate.agent.instrumentation.file.advice;

import io.mandate.bootstrap.file.FileDispatch;
import io.mandate.bootstrap.file.FileHooks;
import net.bytebuddy.asm.Advice;

import java.nio.file.Path;
import java.util.Set;

/**
 * Inlined into {@code UnixFileSystemProvider.newByteChannel}, {@code newFileChannel} and
 * {@code newAsynchronousFileChannel} (path first, open options second): where Files.newInputStream,
 * newOutputStream, newByteChannel, newBufferedReader/Writer, readAllBytes, readString, lines, write,
 * writeString, createFile, FileChannel.open and AsynchronousFileChannel.open open a file of the
 * default file system. A denial is thrown as an AccessDeniedException.
 */
public final class ChannelOpenAdvice {
    private ChannelOpenAdvice() {
    }

    @Advice.OnMethodEnter
    public static Object enter(@Advice.Argument(0) Path path, @Advice.Argument(1) Set<?> options) throws Throwable {
        Object call = FileDispatch.enterNio(FileHooks.NIO_OPEN, path, null, options);
        if (call instanceof Throwable) {
            throw (Throwable) call;
        }
        return call;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit(@Advice.Enter Object call, @Advice.Thrown Throwable thrown, @Advice.Return Object stream) {
        if (thrown == null) {
            FileDispatch.opened(call, stream);
        }
        FileDispatch.exit(call, thrown);
    }
}
