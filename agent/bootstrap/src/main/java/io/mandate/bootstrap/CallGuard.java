package io.mandate.bootstrap;

/**
 * Per-thread re-entrancy guard. Advice enters it before any agent logic; while a thread is inside
 * an intercepted call (a driver running its own metadata queries, HttpURLConnection calling
 * itself, the journal writing its files, the agent loading a policy), nested calls pass untouched.
 */
public final class CallGuard {
    // A subclass, not ThreadLocal.withInitial with a lambda: the guard is first used at premain and
    // inside advised JDK methods, where bootstrapping a lambda costs startup time and runs
    // method-handle machinery inside an intercepted call.
    private static final ThreadLocal<int[]> DEPTH = new ThreadLocal<>() {
        @Override
        protected int[] initialValue() {
            return new int[1];
        }
    };

    private CallGuard() {
    }

    /** Enters the guard; true when this is the outermost intercepted call and must be decided. */
    public static boolean enter() {
        int[] depth = DEPTH.get();
        return depth[0]++ == 0;
    }

    /** Leaves the guard; every {@link #enter()} must be paired with exactly one exit. */
    public static void exit() {
        int[] depth = DEPTH.get();
        if (depth[0] > 0) {
            depth[0]--;
        }
    }

    /** True while the thread is inside an intercepted call or agent work. */
    public static boolean active() {
        return DEPTH.get()[0] > 0;
    }

    /** Runs agent-internal work with interception suspended on this thread. */
    public static void runUnguarded(Runnable work) {
        enter();
        try {
            work.run();
        } finally {
            exit();
        }
    }
}
