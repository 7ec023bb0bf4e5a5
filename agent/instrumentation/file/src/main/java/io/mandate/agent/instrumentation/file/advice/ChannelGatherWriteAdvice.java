package io.mandate.agent.instrumentation.file.advice;

import io.mandate.bootstrap.meter.ByteMeterDispatch;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code FileChannelImpl.write(ByteBuffer[], int, int)}, as {@link ChannelWriteAdvice}.
 * The bytes count toward {@code limit file bytes-written} when a decided open made the stream,
 * charged before they are written: over the limit in enforce mode the write throws the denial and
 * writes nothing.
 */
public final class ChannelGatherWriteAdvice {
    private ChannelGatherWriteAdvice() {
    }

    @Advice.OnMethodEnter
    public static void enter(@Advice.This Object channel,
                             @Advice.FieldValue("parent") Object parent,
                             @Advice.Argument(0) java.nio.ByteBuffer[] sources,
                             @Advice.Argument(1) int offset,
                             @Advice.Argument(2) int length) throws Throwable {
        Throwable overLimit = ByteMeterDispatch.beforeWrite(ByteMeterDispatch.FILE_WRITTEN,
                ByteMeterDispatch.remaining(sources, offset, length),
                parent != null ? parent : channel);
        if (overLimit != null) {
            throw overLimit;
        }
    }
}
