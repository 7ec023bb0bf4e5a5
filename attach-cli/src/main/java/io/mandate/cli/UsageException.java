package io.mandate.cli;

/**
 * A problem with what the user asked for (a missing file, a directory that is not a journal, a
 * time that does not parse): printed as one line, exit code {@link ExitCodes#USAGE}.
 */
public class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
