package io.mandate.policy;

import java.nio.file.Path;

/** Reads, validates and compiles policies. Never throws for bad input: it reports diagnostics. */
public final class PolicyLoader {
    private PolicyLoader() {
    }

    /** Loads a policy file; an unreadable file is a diagnostic too. */
    public static LoadResult load(Path file) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Parses policy text; {@code sourceName} is what diagnostics call the file. */
    public static LoadResult parse(String sourceName, String text) {
        throw new UnsupportedOperationException("not built yet");
    }
}
