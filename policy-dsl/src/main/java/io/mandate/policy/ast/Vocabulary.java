package io.mandate.policy.ast;

import io.mandate.policy.Kind;

import java.util.List;
import java.util.Set;

/** The words each kind understands: its operations and its limit metrics. */
public final class Vocabulary {
    public static final String ANY = "*";

    private static final List<String> JDBC_OPS = List.of("select", "insert", "update", "delete", "merge", "ddl", "call", "unknown");
    private static final List<String> HTTP_OPS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    private static final List<String> NET_OPS = List.of("connect");
    private static final List<String> FILE_OPS = List.of("read", "write", "create", "delete", "list");
    private static final List<String> PROCESS_OPS = List.of("exec");

    /** Metrics charged one unit per permitted call by decide(). */
    public static final Set<String> COUNT_METRICS = Set.of("calls", "statements", "requests");
    /** Metrics charged by consume() with the amount the call moved. */
    public static final Set<String> BYTE_METRICS = Set.of("bytes", "bytes-read", "bytes-written");

    private Vocabulary() {
    }

    public static List<String> operations(Kind kind) {
        switch (kind) {
            case JDBC: return JDBC_OPS;
            case HTTP: return HTTP_OPS;
            case NET: return NET_OPS;
            case FILE: return FILE_OPS;
            default: return PROCESS_OPS;
        }
    }

    public static List<String> metrics(Kind kind) {
        switch (kind) {
            case JDBC: return List.of("calls", "statements", "rows");
            case HTTP: return List.of("calls", "requests", "bytes");
            case FILE: return List.of("calls", "bytes-read", "bytes-written");
            default: return List.of("calls");
        }
    }

    public static boolean isCountMetric(String metric) {
        return COUNT_METRICS.contains(metric);
    }

    /** The keyword that introduces a resource list for a kind ("on" tables, "to" URLs and hosts), or "" when paths follow directly. */
    public static String resourceKeyword(Kind kind) {
        switch (kind) {
            case JDBC: return "on";
            case HTTP: case NET: return "to";
            default: return "";
        }
    }

    /**
     * The operation spelled as the vocabulary spells it (jdbc, net, file, process lower-case; http
     * upper-case) when it is known in any case, else as written: the checker then reports it.
     */
    public static String normalizeOperation(Kind kind, String op) {
        for (String known : operations(kind)) {
            if (known.equalsIgnoreCase(op)) {
                return known;
            }
        }
        return op;
    }

    public static Kind kindByKeyword(String word) {
        for (Kind k : Kind.values()) {
            if (k.keyword().equals(word)) {
                return k;
            }
        }
        return null;
    }
}
