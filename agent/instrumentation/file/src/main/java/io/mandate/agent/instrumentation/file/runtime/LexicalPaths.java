package io.mandate.agent.instrumentation.file.runtime;

/**
 * The lexical half of path normalization: absolute (against the working directory the JVM started
 * in, as java.io and NIO resolve relative paths), without empty and {@code .} segments or a
 * trailing slash. {@code ..} segments are kept: collapsing them before symbolic links are resolved
 * would be wrong ({@code /srv/kb/link/../x} leads wherever the link's parent is, not to
 * {@code /srv/kb/x}); {@link RealPaths} resolves them where the kernel would.
 *
 * A path that is already clean, the common case, is returned as it is: no allocation.
 */
public final class LexicalPaths {
    private LexicalPaths() {
    }

    public static String absolute(String path, String workingDirectory) {
        if (!path.isEmpty() && path.charAt(0) == '/') {
            return isClean(path) ? path : clean(path);
        }
        return clean(path.isEmpty() ? workingDirectory : workingDirectory + '/' + path);
    }

    /** True when {@code absolute} has no empty or {@code .} segment and no trailing slash. */
    static boolean isClean(String absolute) {
        int length = absolute.length();
        if (length == 1) {
            return true;
        }
        if (absolute.charAt(length - 1) == '/') {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (absolute.charAt(i) == '/' && i + 1 < length) {
                char next = absolute.charAt(i + 1);
                if (next == '/') {
                    return false;
                }
                if (next == '.' && (i + 2 == length || absolute.charAt(i + 2) == '/')) {
                    return false;
                }
            }
        }
        return true;
    }

    static String clean(String absolute) {
        StringBuilder s = new StringBuilder(absolute.length());
        int i = 0;
        int length = absolute.length();
        while (i < length) {
            while (i < length && absolute.charAt(i) == '/') {
                i++;
            }
            int end = absolute.indexOf('/', i);
            if (end < 0) {
                end = length;
            }
            if (end > i && !(end - i == 1 && absolute.charAt(i) == '.')) {
                s.append('/').append(absolute, i, end);
            }
            i = end;
        }
        return s.length() == 0 ? "/" : s.toString();
    }

    /** True when {@code absolute} has a {@code ..} segment. */
    public static boolean climbs(String absolute) {
        int from = 0;
        while (true) {
            int at = absolute.indexOf("/..", from);
            if (at < 0) {
                return false;
            }
            int after = at + 3;
            if (after == absolute.length() || absolute.charAt(after) == '/') {
                return true;
            }
            from = after;
        }
    }

    /** True when {@code path} is {@code directory} or lies beneath it. */
    public static boolean isWithin(String path, String directory) {
        if (!path.startsWith(directory)) {
            return false;
        }
        return path.length() == directory.length() || directory.equals("/") || path.charAt(directory.length()) == '/';
    }
}
