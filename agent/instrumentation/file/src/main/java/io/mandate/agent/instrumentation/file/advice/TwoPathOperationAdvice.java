package io.mandate.agent.instrumentation.file.advice;

import io.mandate.bootstrap.file.FileDispatch;
import io.mandate.bootstrap.file.FileHooks;
import net.bytebuddy.asm.Advice;

import java.nio.file.Path;

/**
 * Inlined into the two-path operations of {@code UnixFileSystemProvider}: {@code copy} and
 * {@code move} (source, target), {@code createSymbolicLink} (link, target) and {@code createLink}
 * (link, existing). A denial is thrown as an AccessDeniedException.
 */
public final class TwoPathOperationAdvice {
    private TwoPathOperationAdvice() {
    }

    @Advice.OnMethodEnter
    public static Object enter(@Advice.Argument(0) Path first, @Advice.Argument(1) Path second,
                               @Advice.Origin("#m") String method) throws Throwable {
        int operation = method.equals("copy") ? FileHooks.NIO_COPY
                : method.equals("move") ? FileHooks.NIO_MOVE
                : method.equals("createSymbolicLink") ? FileHooks.NIO_SYMLINK : FileHooks.NIO_HARD_LINK;
        Object call = FileDispatch.enterNio(operation, first, second, null);
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
