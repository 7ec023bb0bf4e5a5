package io.mandate.agent.instrumentation.lineage;

/** A lineage header that cannot be read: wrong version, bad encoding, lengths or limits. */
public final class MalformedLineageException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedLineageException(String message) {
        super(message, null, false, false);
    }
}
