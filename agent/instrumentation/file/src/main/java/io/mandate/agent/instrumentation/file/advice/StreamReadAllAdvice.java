package io.mandate.agent.instrumentation.file.advice;

import io.mandate.bootstrap.meter.ByteMeterDispatch;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into FileInputStream's own {@code readAllBytes()} and {@code readNBytes(int)}, which read
 * natively.
 * The bytes count toward {@code limit file bytes-read} when a decided open made the stream
 * (ByteMeterDispatch counts the outermost read only); over the limit in enforce mode the read throws
 * the denial.
 */
public final class StreamReadAllAdvice {
    private StreamReadAllAdvice() {
    }

    @Advice.OnMethodEnter
    public static int enter() {
        return ByteMeterDispatch.enter(ByteMeterDispatch.FILE_READ);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit(@Advice.Enter int entered,
                            @Advice.Return byte[] read,
                            @Advice.This Object stream) throws Throwable {
        Throwable overLimit = ByteMeterDispatch.exit(entered, ByteMeterDispatch.FILE_READ,
                read == null ? 0 : read.length, stream);
        if (overLimit != null) {
            throw overLimit;
        }
    }
}
