package io.mandate.cli;

import java.io.PrintWriter;

import picocli.CommandLine;

/**
 * Builds the picocli command line with Mandate's exit-code conventions: 0 success, 1 a finding
 * (policy errors, failed tests), 2 a usage problem (bad arguments, a missing file or journal),
 * which prints one line and never a stack trace.
 */
public final class MandateCli {
    private MandateCli() {
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new MandateCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            if (exception instanceof UsageException) {
                cmd.getErr().println("mandate: " + exception.getMessage());
                return ExitCodes.USAGE;
            }
            // A bug of ours: say what failed in one line; the trace only helps with MANDATE_DEBUG set
            cmd.getErr().println("mandate: internal error: " + exception);
            if (System.getenv("MANDATE_DEBUG") != null) {
                exception.printStackTrace(cmd.getErr());
            }
            return ExitCodes.INTERNAL;
        });
        return commandLine;
    }

    /** Runs one command line and returns its exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return commandLine(out, err).execute(args);
    }
}
