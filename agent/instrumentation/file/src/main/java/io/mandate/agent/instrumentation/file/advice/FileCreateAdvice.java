package io.mandate.agent.instrumentation.file.advice;

import io.mandate.bootstrap.file.FileDispatch;
import io.mandate.bootstrap.file.FileHooks;
import net.bytebuddy.asm.Advice;

import java.io.File;

/**
 * Inlined into {@code File.createNewFile()}, which throws an IOException when the file cannot be
 * created: a denial is thrown (a FileNotFoundException, an IOException).
 */
public final class FileCreateAdvice {
    private FileCreateAdvice() {
    }

    @Advice.OnMethodEnter
    public static Object enter(@Advice.This File file) throws Throwable {
        Object call = FileDispatch.enterIo(FileHooks.IO_CREATE_NEW, file.getPath(), null, 0);
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
