package io.mandate.agent.instrumentation.http.common;

import io.mandate.agent.config.QueryJournaling;

import java.util.Locale;

/**
 * What the journal shows of a request's URL: its {@link RequestTarget} (never user info nor the
 * fragment), followed by as much of the query string as the {@code journalQuery} setting allows.
 * Even verbatim, the value of a parameter whose name says it is a credential is replaced by
 * {@code ?}: the journal is append-only and read by more people than hold the keys, and a leaked
 * token there cannot be taken back.
 */
public final class JournaledUrl {
    /** Parameter names (lower case, without {@code -} and {@code _}) that hold a credential wherever they appear. */
    private static final String[] CREDENTIAL_PARTS = {"token", "secret", "password", "passwd", "pwd", "auth",
        "signature", "credential", "apikey", "accesskey", "session", "jwt", "bearer", "privatekey"};
    /** Short names that are credentials only as the whole name. */
    private static final String[] CREDENTIAL_NAMES = {"key", "sig", "code", "pass", "sid"};

    private final QueryJournaling query;

    public JournaledUrl(QueryJournaling query) {
        this.query = query == null ? QueryJournaling.OMIT : query;
    }

    /** The journal's text for {@code url}, whose canonical target is {@code target}. */
    public String of(String url, String target) {
        if (query == QueryJournaling.OMIT) {
            return target;
        }
        int start = url.indexOf('?');
        int fragment = url.indexOf('#');
        if (start < 0 || (fragment >= 0 && fragment < start)) {
            return target;
        }
        String raw = url.substring(start + 1, fragment < 0 ? url.length() : fragment);
        if (raw.isEmpty()) {
            return target;
        }
        StringBuilder shown = new StringBuilder(target.length() + raw.length() + 1).append(target).append('?');
        int from = 0;
        while (from <= raw.length()) {
            int end = raw.indexOf('&', from);
            if (end < 0) {
                end = raw.length();
            }
            appendParameter(shown, raw, from, end);
            if (end < raw.length()) {
                shown.append('&');
            }
            from = end + 1;
        }
        return shown.toString();
    }

    private void appendParameter(StringBuilder shown, String raw, int from, int end) {
        int equals = raw.indexOf('=', from);
        if (equals < 0 || equals > end) {
            shown.append(raw, from, end); // a bare name carries no value
            return;
        }
        shown.append(raw, from, equals + 1);
        if (query == QueryJournaling.VERBATIM && !isCredential(raw.substring(from, equals))) {
            shown.append(raw, equals + 1, end);
        } else {
            shown.append('?');
        }
    }

    static boolean isCredential(String name) {
        String plain = name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace("%5f", "")
                .replace("%2d", "");
        for (String part : CREDENTIAL_PARTS) {
            if (plain.contains(part)) {
                return true;
            }
        }
        for (String whole : CREDENTIAL_NAMES) {
            if (plain.equals(whole)) {
                return true;
            }
        }
        return false;
    }
}
