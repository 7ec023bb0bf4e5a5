package io.mandate.agent.journal;

/** The journal directory could not be opened for writing or reading. */
public final class JournalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
