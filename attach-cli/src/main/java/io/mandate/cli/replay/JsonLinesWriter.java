package io.mandate.cli.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.mandate.agent.journal.JournalEvent;

/**
 * Streams journal events as JSON Lines into a writer with one Jackson generator for the whole
 * output, so an export of millions of events builds no tree and no string per event (the
 * {@link EventJson} tree form stays for the few what-if lines that add fields to an event).
 */
final class JsonLinesWriter {
    private final JsonGenerator json;
    private final IsoInstantFormat times = new IsoInstantFormat();

    JsonLinesWriter(Writer out) {
        try {
            JsonFactory factory = JsonFactory.builder().build().setRootValueSeparator(null);
            json = factory.createGenerator(out);
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(JournalEvent event) {
        try {
            EventJson.write(event, times.format(event.epochNanos()), json);
            json.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hands what is buffered to the writer (then flush the writer itself). */
    void flush() {
        try {
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
