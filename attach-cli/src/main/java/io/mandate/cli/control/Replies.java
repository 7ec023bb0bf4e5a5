package io.mandate.cli.control;

import java.io.PrintWriter;

import io.mandate.cli.ExitCodes;
import io.mandate.control.ControlMessage;
import io.mandate.control.ControlProtocol;

/** How a command's reply becomes output and an exit code, the same for every control command. */
final class Replies {
    private Replies() {
    }

    static boolean ok(ControlMessage reply) {
        return Boolean.parseBoolean(reply.get(ControlProtocol.OK));
    }

    /**
     * Prints the reply's message on stdout (accepted, exit 0) or as {@code mandate: process PID
     * refused: …} on stderr (exit 1: the agent ran the check and said no).
     */
    static int report(ControlMessage reply, long pid, PrintWriter out, PrintWriter err) {
        if (ok(reply)) {
            out.println(reply.get(ControlProtocol.MESSAGE));
            out.flush();
            return ExitCodes.OK;
        }
        err.println("mandate: process " + pid + " refused: " + reply.get(ControlProtocol.MESSAGE));
        err.flush();
        return ExitCodes.FINDINGS;
    }
}
