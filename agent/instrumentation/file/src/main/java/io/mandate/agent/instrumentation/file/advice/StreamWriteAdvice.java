package io.mandate.agent.instrumentation.file.advice;

import io.mandate.bootstrap.meter.ByteMeterDispatch;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code write(byte[], int, int)} of FileOutputStream and RandomAccessFile.
 * The bytes count toward {@code limit file bytes-written} when a decided open made the stream,
 * charged before they are written: over the limit in enforce mode the write throws the denial and
 * writes nothing.
 */
public final class StreamWriteAdvice {
    private StreamWriteAdvice() {
    }

    @Advice.OnMethodEnter
    public static void enter(@Advice.This Object stream, @Advice.Argument(2) int length) throws Throwable {
        Throwable overLimit = ByteMeterDispatch.beforeWrite(ByteMeterDispatch.FILE_WRITTEN, length, stream);
        if (overLimit != null) {
            throw overLimit;
        }
    }
}
