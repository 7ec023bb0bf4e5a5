package io.mandate.agent.instrumentation.file.advice;

import io.mandate.bootstrap.file.FileDispatch;
import io.mandate.bootstrap.file.FileHooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into the private {@code FileOutputStream.open(String, boolean)}, where every
 * FileOutputStream and FileWriter built on a name or a File opens (and creates) it.
 */
public final class OutputStreamOpenAdvice {
    private OutputStreamOpenAdvice() {
    }

    @Advice.OnMethodEnter
    public static Object enter(@Advice.Argument(0) String name, @Advice.Argument(1) boolean append) throws Throwable {
        Object call = FileDispatch.enterIo(FileHooks.IO_WRITE, name, null, append ? 1 : 0);
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
