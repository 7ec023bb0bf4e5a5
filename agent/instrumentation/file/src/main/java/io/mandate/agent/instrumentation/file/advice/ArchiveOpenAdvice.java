package io.mandate.agent.instrumentation.file.advice;

import io.mandate.bootstrap.file.FileDispatch;
import net.bytebuddy.asm.Advice;

import java.io.File;

/**
 * Inlined into {@code java.util.zip.ZipFile$Source.get(File, boolean, ZipCoder)}, where every
 * ZipFile and JarFile opens its file: a jar or jmod opened read-only is the JVM (or a class loader)
 * reading code, and its RandomAccessFile is not decided. Other archives are decided as reads.
 */
public final class ArchiveOpenAdvice {
    private ArchiveOpenAdvice() {
    }

    @Advice.OnMethodEnter
    public static boolean enter(@Advice.Argument(0) File file, @Advice.Argument(1) boolean deleteWhenClosed) {
        return FileDispatch.enterArchive(file, deleteWhenClosed);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit(@Advice.Enter boolean entered) {
        FileDispatch.exitArchive(entered);
    }
}
