package io.mandate.agent.instrumentation.file.advice;

import io.mandate.bootstrap.meter.ByteMeterDispatch;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code write(byte[])} of FileOutputStream and RandomAccessFile, which write natively.
 * The bytes count toward {@code limit file bytes-written} when a decided open made the stream,
 * charged before they are written: over the limit in enforce mode the write throws the denial and
 * writes nothing.
 */
public final class StreamArrayWriteAdvice {
    private StreamArrayWriteAdvice() {
    }

    @Advice.OnMethodEnter
    public static void enter(@Advice.This Object stream, @Advice.Argument(0) byte[] bytes) throws Throwable {
        Throwable overLimit = ByteMeterDispatch.beforeWrite(ByteMeterDispatch.FILE_WRITTEN,
                bytes == null ? 0 : bytes.length,
                stream);
        if (overLimit != null) {
            throw overLimit;
        }
    }
}
