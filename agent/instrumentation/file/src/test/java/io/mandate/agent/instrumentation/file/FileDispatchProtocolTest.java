package io.mandate.agent.instrumentation.file;

import io.mandate.bootstrap.CallGuard;
import io.mandate.bootstrap.file.FileDispatch;
import io.mandate.bootstrap.file.FileHooks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bridge's protocol, called as the advice calls it: guard pairing, nesting, skipped denials, failing hooks. */
class FileDispatchProtocolTest {
    private final List<Object> finished = new ArrayList<>();
    private final List<String> decided = new ArrayList<>();

    @AfterEach
    void uninstall() {
        FileDispatch.uninstall();
        assertFalse(CallGuard.active(), "every path leaves the guard as it found it");
    }

    private void install(Object answer) {
        FileDispatch.install(new FileHooks() {
            @Override
            public Object beforeIo(int operation, String path, String other, int flags) {
                decided.add(path);
                return answer;
            }

            @Override
            public Object beforeNio(int operation, Path path, Path other, Set<?> options) {
                decided.add(path.toString());
                return answer;
            }

            @Override
            public boolean isCodeArchive(String path) {
                return path.endsWith(".jar");
            }

            @Override
            public void after(Object call, Throwable error) {
                finished.add(call);
            }
        });
    }

    @Test
    void anAllowedOperationHoldsTheGuardUntilItReturnsAndNestedOperationsAreNotDecided() {
        install("in flight");
        Object call = FileDispatch.enterNio(FileHooks.NIO_COPY, Path.of("/a"), Path.of("/b"), null);
        assertTrue(CallGuard.active());
        Object nested = FileDispatch.enterIo(FileHooks.IO_WRITE, "/b", null, 0);
        assertNull(nested, "the copy opening its target is part of the copy");
        FileDispatch.exit(nested, null);
        FileDispatch.exit(call, null);
        assertEquals(List.of("/a"), decided);
        assertEquals(List.of("in flight"), finished);
    }

    @Test
    void aDenialLeavesTheGuardBeforeItIsThrownOrTheMethodIsSkipped() {
        FileNotFoundException denial = new FileNotFoundException("denied");
        install(denial);
        assertSame(denial, FileDispatch.enterIo(FileHooks.IO_READ, "/secret", null, 0));
        assertFalse(CallGuard.active());
        // a skipped return-value API still runs its exit advice, which must not leave the guard again
        Object skipped = FileDispatch.enterIo(FileHooks.IO_DELETE, "/secret", null, 0);
        CallGuard.enter();
        FileDispatch.exit(skipped, null);
        assertTrue(CallGuard.active(), "the exit of a skipped call left a guard it did not hold");
        CallGuard.exit();
        assertEquals(List.of(), finished);
    }

    @Test
    void hooksThatThrowNeverReachTheApplication() {
        FileDispatch.install(new FileHooks() {
            @Override
            public Object beforeIo(int operation, String path, String other, int flags) {
                throw new IllegalStateException("broken");
            }

            @Override
            public Object beforeNio(int operation, Path path, Path other, Set<?> options) {
                throw new IllegalStateException("broken");
            }

            @Override
            public boolean isCodeArchive(String path) {
                throw new IllegalStateException("broken");
            }

            @Override
            public void after(Object call, Throwable error) {
                throw new IllegalStateException("broken");
            }
        });
        FileDispatch.exit(FileDispatch.enterIo(FileHooks.IO_READ, "/x", null, 0), null);
        FileDispatch.exit(FileDispatch.enterNio(FileHooks.NIO_OPEN, Path.of("/x"), null, Set.of()), null);
        FileDispatch.exitArchive(FileDispatch.enterArchive(new File("/x.jar"), false));
    }

    @Test
    void aJarOpenedToReadCodeHoldsTheGuardAndOtherArchivesAreDecided() {
        install("in flight");
        boolean entered = FileDispatch.enterArchive(new File("/lib/app.jar"), false);
        assertTrue(entered && CallGuard.active());
        assertNull(FileDispatch.enterIo(FileHooks.IO_RANDOM_ACCESS, "/lib/app.jar", null, 1));
        FileDispatch.exit(null, null);
        FileDispatch.exitArchive(entered);
        assertFalse(FileDispatch.enterArchive(new File("/data/secrets.zip"), false));
        assertFalse(FileDispatch.enterArchive(new File("/tmp/x.jar"), true), "a jar to delete on close is not code");
        assertEquals(List.of(), decided);
    }

    @Test
    void withoutHooksNothingIsDecided() {
        Object call = FileDispatch.enterIo(FileHooks.IO_READ, "/x", null, 0);
        assertNull(call);
        FileDispatch.exit(call, null);
    }
}
