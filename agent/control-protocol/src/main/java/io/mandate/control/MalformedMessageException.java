package io.mandate.control;

/** Bytes on the control channel that are not a well-formed message: the connection is dropped. */
public final class MalformedMessageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message);
    }
}
