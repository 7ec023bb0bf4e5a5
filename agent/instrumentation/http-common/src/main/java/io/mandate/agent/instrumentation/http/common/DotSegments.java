package io.mandate.agent.instrumentation.http.common;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolves {@code .} and {@code ..} segments of a URL path the way a server does before serving
 * it (RFC 3986, 5.2.4), reading {@code %2e} as a dot first. A path that climbs above the root stays
 * at the root. An empty path is {@code /}.
 */
final class DotSegments {
    private DotSegments() {
    }

    static String remove(String path) {
        if (path.isEmpty()) {
            return "/";
        }
        if (path.indexOf('.') < 0 && path.indexOf('%') < 0) {
            return path;
        }
        Deque<String> kept = new ArrayDeque<>();
        String[] segments = path.split("/", -1);
        // segments[0] is the empty text before the leading slash
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            String dots = decodedDots(segment);
            boolean last = i == segments.length - 1;
            if (dots.equals(".")) {
                if (last) {
                    kept.addLast("");
                }
            } else if (dots.equals("..")) {
                kept.pollLast();
                if (last) {
                    kept.addLast("");
                }
            } else {
                kept.addLast(segment);
            }
        }
        StringBuilder resolved = new StringBuilder(path.length());
        for (String segment : kept) {
            resolved.append('/').append(segment);
        }
        return resolved.length() == 0 ? "/" : resolved.toString();
    }

    /** {@code segment} with {@code %2e}/{@code %2E} read as dots, when it is made of dots only; else itself. */
    private static String decodedDots(String segment) {
        if (segment.length() > 6) {
            return segment;
        }
        String decoded = segment.replace("%2e", ".").replace("%2E", ".");
        return decoded.equals(".") || decoded.equals("..") ? decoded : segment;
    }
}
