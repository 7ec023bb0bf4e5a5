package io.mandate.agent.instrumentation.file.advice;

import io.mandate.bootstrap.file.FileDispatch;
import io.mandate.bootstrap.file.FileHooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into the private {@code FileInputStream.open(String)}, where every FileInputStream and
 * FileReader built on a name or a File opens it (JDK 17 and 25): one decision per open, before the
 * native open. A denial is thrown as the FileNotFoundException the constructor declares.
 */
public final class StreamOpenAdvice {
    private StreamOpenAdvice() {
    }

    @Advice.OnMethodEnter
    public static Object enter(@Advice.Argument(0) String name) throws Throwable {
        Object call = FileDispatch.enterIo(FileHooks.IO_READ, name, null, 0);
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
