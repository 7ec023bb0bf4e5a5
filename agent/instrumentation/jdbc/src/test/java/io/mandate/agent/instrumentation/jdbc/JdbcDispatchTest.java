package io.mandate.agent.instrumentation.jdbc;

import io.mandate.bootstrap.CallGuard;
import io.mandate.bootstrap.jdbc.JdbcDispatch;
import io.mandate.bootstrap.jdbc.JdbcHooks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The boot-visible dispatch protocol the inlined advice relies on. */
class JdbcDispatchTest {
    @AfterEach
    void restoreInstalledHooks() {
        JdbcDispatch.install(InstalledJdbcAgent.MODULE.hooks());
        assertFalse(CallGuard.active());
    }

    @Test
    void denialIsReturnedWithTheGuardAlreadyLeft() {
        RuntimeException denial = new RuntimeException("denied");
        JdbcDispatch.install(new HooksAnswering(denial));
        assertSame(denial, JdbcDispatch.enterExecute(new Object(), "SELECT 1", false));
        assertFalse(CallGuard.active(), "exit advice will not run after a throwing enter advice");
    }

    @Test
    void onlyTheOutermostCallIsDecidedAndNestedBatchesAreForgotten() {
        HooksAnswering hooks = new HooksAnswering("call");
        JdbcDispatch.install(hooks);
        Object outer = JdbcDispatch.enterExecute("pool statement", null, true);
        Object inner = JdbcDispatch.enterExecute("driver statement", null, true);
        assertNull(inner);
        JdbcDispatch.exitExecute(inner, null);
        JdbcDispatch.exitExecute(outer, null);
        assertEquals(List.of("before pool statement", "nested batch driver statement", "after call"), hooks.calls);
    }

    @Test
    void hooksThatThrowNeverReachTheApplication() {
        JdbcDispatch.install(new HooksAnswering(null) {
            @Override
            public Object beforeExecute(Object statement, String sql, boolean batch) {
                throw new LinkageError("broken agent");
            }

            @Override
            public Throwable rowRead() {
                throw new IllegalStateException("broken");
            }
        });
        assertNull(JdbcDispatch.enterExecute(new Object(), "SELECT 1", false));
        JdbcDispatch.exitExecute(null, null);
        assertNull(JdbcDispatch.exitRowRead(JdbcDispatch.enterRowRead(), true));
        assertFalse(CallGuard.active());
        JdbcDispatch.prepared(new Object(), "SELECT 1");
    }

    @Test
    void rowReadsAreCountedOnlyWhenOutermostAndTheEndOfRowsIsReported() {
        HooksAnswering hooks = new HooksAnswering(null);
        JdbcDispatch.install(hooks);
        int outer = JdbcDispatch.enterRowRead();
        int inner = JdbcDispatch.enterRowRead();
        assertEquals(JdbcDispatch.ROW_READ_NESTED, inner);
        assertNull(JdbcDispatch.exitRowRead(inner, true));
        assertNull(JdbcDispatch.exitRowRead(JdbcDispatch.enterRowRead(), false));
        assertTrue(CallGuard.active());
        assertNull(JdbcDispatch.exitRowRead(outer, true));
        assertNull(JdbcDispatch.exitRowRead(JdbcDispatch.enterRowRead(), false));
        assertFalse(CallGuard.active());
        assertEquals(List.of("row", "rows ended"), hooks.calls);
    }

    private static class HooksAnswering implements JdbcHooks {
        final List<String> calls = new ArrayList<>();
        private final Object answer;

        HooksAnswering(Object answer) {
            this.answer = answer;
        }

        @Override
        public Object beforeExecute(Object statement, String sql, boolean batch) {
            calls.add("before " + statement);
            return answer;
        }

        @Override
        public void afterExecute(Object call, Throwable error) {
            calls.add("after " + call);
        }

        @Override
        public void batchExecutedNested(Object statement) {
            calls.add("nested batch " + statement);
        }

        @Override
        public void prepared(Object statement, String sql) {
        }

        @Override
        public void batchAdded(Object statement, String sql) {
        }

        @Override
        public void batchCleared(Object statement) {
        }

        @Override
        public void rowsEnded() {
            calls.add("rows ended");
        }

        @Override
        public Throwable rowRead() {
            calls.add("row");
            return null;
        }
    }
}
