package io.mandate.agent.instrumentation.file.advice;

import io.mandate.bootstrap.meter.ByteMeterDispatch;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code FileChannelImpl.read(ByteBuffer)} and {@code read(ByteBuffer, long)}: a
 * channel opened through NIO, or the {@code getChannel()} of a stream (its parent), which is what
 * the open registered.
 * The bytes count toward {@code limit file bytes-read} when a decided open made the stream
 * (ByteMeterDispatch counts the outermost read only); over the limit in enforce mode the read throws
 * the denial.
 */
public final class ChannelReadAdvice {
    private ChannelReadAdvice() {
    }

    @Advice.OnMethodEnter
    public static int enter() {
        return ByteMeterDispatch.enter(ByteMeterDispatch.FILE_READ);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit(@Advice.Enter int entered,
                            @Advice.Return int read,
                            @Advice.This Object channel,
                            @Advice.FieldValue("parent") Object parent) throws Throwable {
        Throwable overLimit = ByteMeterDispatch.exit(entered, ByteMeterDispatch.FILE_READ,
                read, parent != null ? parent : channel);
        if (overLimit != null) {
            throw overLimit;
        }
    }
}
