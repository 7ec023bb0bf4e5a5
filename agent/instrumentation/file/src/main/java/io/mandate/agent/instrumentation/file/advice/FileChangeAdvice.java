package io.mandate.agent.instrumentation.file.advice;

import io.mandate.bootstrap.file.FileDispatch;
import io.mandate.bootstrap.file.FileHooks;
import net.bytebuddy.asm.Advice;

import java.io.File;

/**
 * Inlined into {@code File.delete()} and {@code File.mkdir()}, which report failure by returning
 * false: a denied call is skipped and returns false, as for a permission error (the denial is
 * journaled by the hooks).
 */
public final class FileChangeAdvice {
    private FileChangeAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Throwable.class)
    public static Object enter(@Advice.This File file, @Advice.Origin("#m") String method) {
        return FileDispatch.enterIo(method.equals("delete") ? FileHooks.IO_DELETE : FileHooks.IO_MKDIR,
                file.getPath(), null, 0);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit(@Advice.Enter Object call, @Advice.Thrown Throwable thrown,
                            @Advice.Return(readOnly = false) boolean done) {
        if (call instanceof Throwable) {
            done = false;
        }
        FileDispatch.exit(call, thrown);
    }
}
