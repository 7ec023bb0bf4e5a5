package io.mandate.agent.instrumentation.jdbc.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the journal shows a batch: each distinct redacted statement once with its count, so a
 * thousand literal INSERTs read as one line ("INSERT INTO t VALUES (?, ?) x1000").
 */
final class BatchDisplay {
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final int maxLength;

    BatchDisplay(int maxLength) {
        this.maxLength = maxLength;
    }

    void add(String display, int count) {
        counts.merge(display, count, Integer::sum);
    }

    @Override
    public String toString() {
        if (counts.isEmpty()) {
            return "(empty batch)";
        }
        StringBuilder s = new StringBuilder("batch: ");
        boolean first = true;
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            if (!first) {
                s.append("; ");
            }
            first = false;
            s.append(entry.getKey()).append(" x").append(entry.getValue());
            if (s.length() > maxLength) {
                return s.substring(0, maxLength) + " …(truncated)";
            }
        }
        return s.toString();
    }
}
