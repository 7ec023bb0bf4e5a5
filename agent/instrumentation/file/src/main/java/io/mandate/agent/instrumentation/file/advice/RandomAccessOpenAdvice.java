package io.mandate.agent.instrumentation.file.advice;

import io.mandate.bootstrap.file.FileDispatch;
import io.mandate.bootstrap.file.FileHooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into the private {@code RandomAccessFile.open(String, int)}: every RandomAccessFile, and
 * so every ZipFile and JarFile that is not the JVM reading code (see {@link ArchiveOpenAdvice}).
 */
public final class RandomAccessOpenAdvice {
    private RandomAccessOpenAdvice() {
    }

    @Advice.OnMethodEnter
    public static Object enter(@Advice.Argument(0) String name, @Advice.Argument(1) int mode) throws Throwable {
        Object call = FileDispatch.enterIo(FileHooks.IO_RANDOM_ACCESS, name, null, mode);
        if (call instanceof Throwable) {
            throw (Throwable) call;
        }
        return call;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit(@Advice.Enter Object call, @Advice.Thrown Throwable thrown, @Advice.This Object stream) {
        if (thrown == null) {
            FileDispatch.opened(call, stream);
        }
        FileDispatch.exit(call, thrown);
    }
}
