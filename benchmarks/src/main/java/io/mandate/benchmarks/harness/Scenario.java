package io.mandate.benchmarks.harness;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The intercepted calls other than the JDBC select that every H2 fork also measures, after it: the
 * harness gives the fork a loopback target for each selected one.
 */
enum Scenario {
    HTTP_GET("http-get", "JDK HttpClient GET on loopback"),
    FILE_READ("file-read", "file open+read+close (1 KiB)"),
    SOCKET_CONNECT("socket-connect", "socket connect+close on loopback");

    private final String id;
    private final String title;

    Scenario(String id, String title) {
        this.id = id;
        this.title = title;
    }

    String id() {
        return id;
    }

    String title() {
        return title;
    }

    /** "http-get,file-read" or "none"; every scenario when null. */
    static List<Scenario> parseList(String text) {
        if (text == null) {
            return List.of(values());
        }
        if (text.equals("none")) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::trim).map(Scenario::byId).toList();
    }

    private static Scenario byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown scenario " + id + "; known: "
                        + Arrays.stream(values()).map(Scenario::id).collect(Collectors.joining(", ")) + ", none"));
    }
}
