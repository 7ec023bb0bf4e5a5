package io.mandate.cli;

/** The exit codes every mandate command uses (see docs/cli.md). */
public final class ExitCodes {
    /** Done; for checks: no error (warnings allowed). */
    public static final int OK = 0;
    /** The command ran and found something: policy errors, failed tests. */
    public static final int FINDINGS = 1;
    /** Bad arguments, a missing file, a directory that is not a journal. */
    public static final int USAGE = 2;
    /** A bug of the CLI itself. */
    public static final int INTERNAL = 3;

    private ExitCodes() {
    }
}
