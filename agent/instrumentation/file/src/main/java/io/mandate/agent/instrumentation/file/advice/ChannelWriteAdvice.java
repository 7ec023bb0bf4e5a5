package io.mandate.agent.instrumentation.file.advice;

import io.mandate.bootstrap.meter.ByteMeterDispatch;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code FileChannelImpl.write(ByteBuffer)} and {@code write(ByteBuffer, long)}: a
 * channel opened through NIO, or the {@code getChannel()} of a stream (its parent).
 * The bytes count toward {@code limit file bytes-written} when a decided open made the stream,
 * charged before they are written: over the limit in enforce mode the write throws the denial and
 * writes nothing.
 */
public final class ChannelWriteAdvice {
    private ChannelWriteAdvice() {
    }

    @Advice.OnMethodEnter
    public static void enter(@Advice.This Object channel,
                             @Advice.FieldValue("parent") Object parent,
                             @Advice.Argument(0) java.nio.ByteBuffer source) throws Throwable {
        Throwable overLimit = ByteMeterDispatch.beforeWrite(ByteMeterDispatch.FILE_WRITTEN,
                source == null ? 0 : source.remaining(),
                parent != null ? parent : channel);
        if (overLimit != null) {
            throw overLimit;
        }
    }
}
