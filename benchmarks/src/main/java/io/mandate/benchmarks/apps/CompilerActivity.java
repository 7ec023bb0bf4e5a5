package io.mandate.benchmarks.apps;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * How long the JIT compilers have worked so far in this JVM. A loop whose batches already look
 * steady can still be measured while the compilers are busy on another thread: on 2 cores they
 * take CPU from the measured call, and the code they are still compiling (the JDK's own, the
 * agent's) runs slower until they finish. Warm-up waits for them too.
 */
final class CompilerActivity {
    private final CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
    private final boolean monitored = compiler != null && compiler.isCompilationTimeMonitoringSupported();

    /** Milliseconds the compilers have spent so far, or -1 when this JVM does not say. */
    long totalMillis() {
        return monitored ? compiler.getTotalCompilationTime() : -1;
    }
}
