package io.mandate.agent.instrumentation.file.advice;

import io.mandate.bootstrap.meter.ByteMeterDispatch;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code write(int)} of FileOutputStream and RandomAccessFile.
 * The bytes count toward {@code limit file bytes-written} when a decided open made the stream,
 * charged before they are written: over the limit in enforce mode the write throws the denial and
 * writes nothing.
 */
public final class StreamByteWriteAdvice {
    private StreamByteWriteAdvice() {
    }

    @Advice.OnMethodEnter
    public static void enter(@Advice.This Object stream) throws Throwable {
        Throwable overLimit = ByteMeterDispatch.beforeWrite(ByteMeterDispatch.FILE_WRITTEN, 1, stream);
        if (overLimit != null) {
            throw overLimit;
        }
    }
}
