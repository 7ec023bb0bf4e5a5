package io.mandate.cli.replay;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mandate.agent.journal.JournalEvent;

/**
 * A journal event as one JSON object on one line (JSON Lines), for jq and SIEM ingestion: the
 * header (index, ISO time, nanoseconds, type, writer pid/tag, sequence) and every field of the
 * event under its format name; a call's accesses as [{operation, resource}].
 */
public final class EventJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EventJson() {
    }

    public static ObjectNode toJson(JournalEvent event) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("index", event.index());
        node.put("time", Instant.ofEpochSecond(0, event.epochNanos()).toString());
        node.put("epochNanos", event.epochNanos());
        node.put("type", event.type());
        node.put("pid", event.pid());
        node.put("writerTag", event.writerTag());
        node.put("sequence", event.sequence());
        for (Map.Entry<String, Object> field : event.fields().entrySet()) {
            Object value = field.getValue();
            if (value instanceof List<?> list) {
                ArrayNode accesses = node.putArray(field.getKey());
                for (Object item : list) {
                    if (item instanceof JournalEvent.Access access) {
                        accesses.addObject().put("operation", access.operation()).put("resource", access.resource());
                    }
                }
            } else if (value instanceof Boolean b) {
                node.put(field.getKey(), b);
            } else if (value instanceof Number n) {
                node.put(field.getKey(), n.longValue());
            } else {
                node.put(field.getKey(), String.valueOf(value));
            }
        }
        return node;
    }

    public static String line(JournalEvent event) {
        return line(toJson(event));
    }

    public static String line(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
