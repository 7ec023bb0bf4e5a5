package io.mandate.agent.instrumentation.http.common;

import java.util.Locale;

/**
 * The URL a request is decided and journaled by: {@code scheme://host[:port]/path}, without user
 * info, query or fragment (query strings carry API keys and tokens, and the journal is append-only).
 *
 * Canonical so a policy cannot be walked around: scheme and host lower case, the scheme's default
 * port left out (the policy matcher reads a missing port as the default one), an empty path as
 * {@code /}, and dot segments resolved, including percent-encoded dots, which servers decode before
 * resolving: {@code /kb/%2e%2e/admin} is decided as {@code /admin}, where the server will serve it.
 *
 * Parsed by hand rather than with java.net.URI: clients send URLs URI refuses (a space, a bare
 * {@code %}), and such a request must still be decided.
 */
public final class RequestTarget {
    private RequestTarget() {
    }

    /** The canonical form of {@code url}; a string without {@code ://} is returned without its query. */
    public static String of(String url) {
        int schemeEnd = url.indexOf("://");
        int queryStart = firstOf(url, '?', '#', 0);
        if (schemeEnd <= 0 || (queryStart >= 0 && queryStart < schemeEnd)) {
            return queryStart < 0 ? url : url.substring(0, queryStart);
        }
        int end = queryStart < 0 ? url.length() : queryStart;
        String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        int authorityStart = schemeEnd + 3;
        int pathStart = url.indexOf('/', authorityStart);
        if (pathStart < 0 || pathStart > end) {
            pathStart = end;
        }
        int at = url.lastIndexOf('@', pathStart - 1);
        int hostStart = at >= authorityStart ? at + 1 : authorityStart;
        int bracket = url.lastIndexOf(']', pathStart - 1);
        int colon = url.lastIndexOf(':', pathStart - 1);
        boolean hasPort = colon >= hostStart && colon > bracket;
        String host = url.substring(hostStart, hasPort ? colon : pathStart).toLowerCase(Locale.ROOT);
        String port = hasPort ? url.substring(colon + 1, pathStart) : "";
        StringBuilder target = new StringBuilder(end - schemeEnd + scheme.length()).append(scheme).append("://")
                .append(host);
        if (!port.isEmpty() && !port.equals(defaultPort(scheme))) {
            target.append(':').append(port);
        }
        target.append(DotSegments.remove(url.substring(pathStart, end)));
        return target.toString();
    }

    private static String defaultPort(String scheme) {
        switch (scheme) {
            case "http":
            case "ws":
                return "80";
            case "https":
            case "wss":
                return "443";
            default:
                return null;
        }
    }

    private static int firstOf(String s, char a, char b, int from) {
        int first = s.indexOf(a, from);
        int second = s.indexOf(b, from);
        if (first < 0) {
            return second;
        }
        return second < 0 ? first : Math.min(first, second);
    }
}
