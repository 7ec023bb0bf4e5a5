package io.mandate.agent.instrumentation.file.advice;

import io.mandate.bootstrap.file.FileDispatch;
import io.mandate.bootstrap.file.FileHooks;
import net.bytebuddy.asm.Advice;

import java.io.File;

/**
 * Inlined into {@code File.renameTo(File)}: a denied rename is skipped and returns false, as for a
 * permission error. A null destination is left to the JDK (its NullPointerException).
 */
public final class FileRenameAdvice {
    private FileRenameAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Throwable.class)
    public static Object enter(@Advice.This File file, @Advice.Argument(0) File destination) {
        return FileDispatch.enterIo(FileHooks.IO_RENAME, destination == null ? null : file.getPath(),
                destination == null ? null : destination.getPath(), 0);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit(@Advice.Enter Object call, @Advice.Thrown Throwable thrown,
                            @Advice.Return(readOnly = false) boolean renamed) {
        if (call instanceof Throwable) {
            renamed = false;
        }
        FileDispatch.exit(call, thrown);
    }
}
