package io.mandate.cli.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.mandate.agent.journal.JournalEvent;

/**
 * Streams journal events as JSON Lines, the same objects as {@link EventJson#toJson} and byte for
 * byte what Jackson writes for them, built by hand in one reused buffer: an export of millions of
 * events was spending more on Jackson's generic writing than on reading the journal. Field names
 * are plain ASCII; string values are escaped as Jackson does by default (quote, backslash and
 * control characters; nothing else). Not thread-safe: one per output.
 */
final class JsonLinesWriter {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final Writer out;
    private final IsoInstantFormat times = new IsoInstantFormat();
    private final StringBuilder line = new StringBuilder(1024);
    private char[] chars = new char[1024];
    private static final int MAX_FIELD_NAMES = 1024;
    private final Map<String, String> fieldNames = new IdentityHashMap<>();

    JsonLinesWriter(Writer out) {
        this.out = out;
    }

    void write(JournalEvent event) {
        line.setLength(0);
        line.append("{\"index\":").append(event.index()).append(",\"time\":\"");
        times.append(line, event.epochNanos());
        line.append("\",\"epochNanos\":").append(event.epochNanos()).append(",\"type\":");
        string(event.type());
        line.append(",\"pid\":").append(event.pid()).append(",\"writerTag\":").append(event.writerTag())
                .append(",\"sequence\":").append(event.sequence());
        for (Map.Entry<String, Object> field : event.fields().entrySet()) {
            line.append(fieldName(field.getKey()));
            Object value = field.getValue();
            if (value instanceof List<?> list) {
                accesses(list);
            } else if (value instanceof Number n) {
                line.append(n.longValue());
            } else if (value instanceof Boolean b) {
                line.append(b.booleanValue());
            } else {
                string(String.valueOf(value));
            }
        }
        line.append("}\n");
        int length = line.length();
        if (chars.length < length) {
            chars = new char[Math.max(length, chars.length * 2)];
        }
        line.getChars(0, length, chars, 0);
        try {
            out.write(chars, 0, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code ,"name":} for a field name. The decoder gives every event of a type the same name
     * strings, so they are rendered once and found by identity; the map is bounded because
     * lifecycle attribute names are open-ended.
     */
    private String fieldName(String name) {
        String rendered = fieldNames.get(name);
        if (rendered == null) {
            int start = line.length();
            line.append(',');
            string(name);
            line.append(':');
            rendered = line.substring(start);
            line.setLength(start);
            if (fieldNames.size() < MAX_FIELD_NAMES) {
                fieldNames.put(name, rendered);
            }
        }
        return rendered;
    }

    private void accesses(List<?> list) {
        line.append('[');
        boolean first = true;
        for (Object item : list) {
            if (item instanceof JournalEvent.Access access) {
                line.append(first ? "{\"operation\":" : ",{\"operation\":");
                string(access.operation());
                line.append(",\"resource\":");
                string(access.resource());
                line.append('}');
                first = false;
            }
        }
        line.append(']');
    }

    /** A JSON string: most values need no escape at all and are copied in one go. */
    private void string(String value) {
        line.append('"');
        int length = value.length();
        int i = 0;
        while (i < length) {
            char c = value.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                break;
            }
            i++;
        }
        if (i == length) {
            line.append(value).append('"');
            return;
        }
        line.append(value, 0, i);
        for (; i < length; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                case '\b' -> line.append("\\b");
                case '\f' -> line.append("\\f");
                default -> {
                    if (c < 0x20) {
                        line.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        line.append('"');
    }

    /** Nothing is buffered here: each line goes to the writer whole. Flush the writer itself. */
    void flush() {
    }
}
