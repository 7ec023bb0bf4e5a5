package io.mandate.benchmarks.harness;

import java.nio.file.Path;

/** The forked apps' class path, for benchmarks outside this package that fork an app of their own. */
public final class AppClassPath {
    private AppClassPath() {
    }

    /** The apps jar, H2, the PostgreSQL driver and the Mandate API under {@code benchmarks/target}. */
    public static String of(Path benchmarksTarget) {
        return HarnessOptions.defaultAppClassPath(benchmarksTarget);
    }
}
