package io.mandate.api;

/**
 * An open reasoning chain: a user request or task an agent works on.
 * Close it (try-with-resources) on the thread that opened it; the previous context is restored.
 */
public interface Chain extends AutoCloseable {
    String id();

    MandateContext context();

    @Override
    void close();
}
