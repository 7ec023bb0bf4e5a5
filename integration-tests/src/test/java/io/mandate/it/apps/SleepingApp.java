package io.mandate.it.apps;

/** Never finishes on its own: proves the harness kills a hung JVM. */
public final class SleepingApp {
    private SleepingApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        Observations.record("started", "yes");
        Thread.sleep(Long.MAX_VALUE);
    }
}
