package io.mandate.bootstrap.process;

import io.mandate.bootstrap.CallGuard;

import java.util.List;

/**
 * The static entry points the process-launch advice calls. Owns the re-entrancy protocol: every
 * advised launch pairs {@link CallGuard#enter()} with exactly one {@link CallGuard#exit()}, also
 * when the launch is denied from enter advice (Byte Buddy skips exit advice then), so a denial is
 * returned only after the guard was left. Whatever the JDK does while launching (reading the
 * helper binary, pipes, a future file or socket hook) is nested in the launch and not decided.
 *
 * Anything thrown by the hooks is swallowed here: a broken agent must never break the
 * application's launch (the hooks themselves report and decide their internal failures).
 */
public final class ProcessDispatch {
    private static volatile ProcessHooks hooks = ProcessHooks.NONE;

    private ProcessDispatch() {
    }

    public static void install(ProcessHooks installed) {
        hooks = installed == null ? ProcessHooks.NONE : installed;
    }

    public static void uninstall() {
        hooks = ProcessHooks.NONE;
    }

    /**
     * Enter advice of the launch. Returns the in-flight call for {@link #exitStart}, null, or a
     * Throwable the advice must throw (the guard is already left then, and exit advice will not run).
     */
    public static Object enterStart(List<String> command) {
        if (!CallGuard.enter()) {
            return null;
        }
        Object call;
        try {
            call = hooks.beforeStart(command);
        } catch (Throwable ignored) {
            call = null;
        }
        if (call instanceof Throwable) {
            CallGuard.exit();
        }
        return call;
    }

    /** Exit advice of every launch whose enter advice was {@link #enterStart}. */
    public static void exitStart(Object call, Throwable error) {
        try {
            if (call != null) {
                hooks.afterStart(call, error);
            }
        } catch (Throwable ignored) {
            // the application's own outcome stands
        } finally {
            CallGuard.exit();
        }
    }

    /** Loads the bridge classes now, so the first launch never loads them from inside ProcessBuilder. */
    public static void preload() {
        enterStart(null);
        exitStart(null, null);
    }
}
