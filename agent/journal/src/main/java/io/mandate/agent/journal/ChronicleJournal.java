package io.mandate.agent.journal;

import java.nio.file.Path;

/** The journal on a Chronicle Queue in {@code directory}. */
public final class ChronicleJournal {
    private ChronicleJournal() {
    }

    /** Opens (creating when absent) the journal directory; never blocks callers on disk afterwards. */
    public static Journal open(Path directory) {
        throw new UnsupportedOperationException("not built yet");
    }
}
