package io.mandate.agent.instrumentation.file.advice;

import io.mandate.bootstrap.file.FileDispatch;
import io.mandate.bootstrap.file.FileHooks;
import net.bytebuddy.asm.Advice;

import java.io.File;

/**
 * Inlined into the private {@code File.normalizedList()}, where {@code list()}, {@code list(filter)}
 * and every {@code listFiles} overload read a directory (JDK 17 and 25): a denied listing is skipped
 * and returns null, as for a directory that cannot be read.
 */
public final class FileListAdvice {
    private FileListAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Throwable.class)
    public static Object enter(@Advice.This File file) {
        return FileDispatch.enterIo(FileHooks.IO_LIST, file.getPath(), null, 0);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit(@Advice.Enter Object call, @Advice.Thrown Throwable thrown,
                            @Advice.Return(readOnly = false) String[] names) {
        if (call instanceof Throwable) {
            names = null;
        }
        FileDispatch.exit(call, thrown);
    }
}
