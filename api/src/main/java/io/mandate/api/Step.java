package io.mandate.api;

/** An open step (one tool call) inside a chain. Closing it restores the chain without the step. */
public interface Step extends AutoCloseable {
    String id();

    String tool();

    /** Records that the tool failed; the failure is journaled when the step closes. */
    void failed(Throwable error);

    @Override
    void close();
}
