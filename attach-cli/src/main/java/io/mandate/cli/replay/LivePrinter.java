package io.mandate.cli.replay;

import java.io.PrintWriter;
import java.time.Instant;

import io.mandate.agent.journal.JournalEvent;
import io.mandate.cli.journal.RecordedCall;

/**
 * Prints events of a live tail one line each, flushed at once: a tree cannot be drawn before
 * the chains end, so every call line names its agent, chain and tool instead.
 */
final class LivePrinter {
    private final PrintWriter out;
    private final CallLine callLine;
    private final JsonLinesWriter json;

    LivePrinter(PrintWriter out, CallLine callLine, boolean json) {
        this.out = out;
        this.callLine = callLine;
        this.json = json ? new JsonLinesWriter(out) : null;
    }

    void print(JournalEvent event) {
        if (json != null) {
            json.write(event);
            json.flush();
        } else if (RecordedCall.isCall(event)) {
            RecordedCall call = RecordedCall.of(event);
            out.println(call.agent() + " " + (call.chainId().isEmpty() ? "-" : call.chainId()) + " "
                    + (call.tool().isEmpty() ? "-" : call.tool()) + "  " + callLine.format(call));
        } else if (VolumeReplay.isUsage(event)) {
            // the rows a statement yielded: one short line, not the record's two dozen fields
            out.println(event.string("agent") + " " + orDash(event.string("chainId")) + " " + orDash(event.string("tool"))
                    + "  " + callLine.time(Instant.ofEpochSecond(0, event.epochNanos())) + "  " + event.units() + " "
                    + event.unitsMetric() + " read from " + event.string("resource")
                    + (event.usageCalls() > 1 ? " (" + event.usageCalls() + " executions)" : ""));
        } else {
            out.println(callLine.time(Instant.ofEpochSecond(0, event.epochNanos())) + "  " + event.type() + " "
                    + event.fields());
        }
        out.flush();
    }

    private static String orDash(String value) {
        return value.isEmpty() ? "-" : value;
    }
}
