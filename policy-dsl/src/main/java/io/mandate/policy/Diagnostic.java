package io.mandate.policy;

/** One error or warning at a position in a policy source. Lines and columns count from 1. */
public interface Diagnostic {
    enum Severity { ERROR, WARNING }

    Severity severity();

    String source();

    int line();

    int column();

    String message();

    /** A hint such as "did you mean 'select'?", or "". */
    String hint();
}
