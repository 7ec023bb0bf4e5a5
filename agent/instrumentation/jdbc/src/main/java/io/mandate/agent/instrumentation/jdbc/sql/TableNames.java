package io.mandate.agent.instrumentation.jdbc.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The policy library's spelling of a table (or procedure) name: unquoted, lower-cased, the last
 * two parts of a qualified name ({@code "Public"."Customers"} and {@code db.public.customers}
 * are both {@code public.customers}). A bare name stays bare: the policy matches it in any schema.
 */
public final class TableNames {
    private TableNames() {
    }

    /** Normalizes a schema and a name, each possibly quoted; schema may be null or empty. */
    public static String of(String schema, String name) {
        String table = unquote(name);
        String owner = schema == null ? "" : lastPart(schema);
        return owner.isEmpty() ? table : owner + "." + table;
    }

    /** Normalizes a dotted name as written, honouring quotes ("a.b"."c" has two parts). */
    public static String ofQualified(String written) {
        List<String> parts = split(written.trim());
        if (parts.isEmpty()) {
            return "";
        }
        String name = unquote(parts.get(parts.size() - 1));
        String schema = parts.size() > 1 ? unquote(parts.get(parts.size() - 2)) : "";
        return schema.isEmpty() ? name : schema + "." + name;
    }

    private static String lastPart(String qualified) {
        List<String> parts = split(qualified);
        return parts.isEmpty() ? "" : unquote(parts.get(parts.size() - 1));
    }

    static String unquote(String part) {
        String p = part.trim();
        if (p.length() >= 2) {
            char first = p.charAt(0);
            char last = p.charAt(p.length() - 1);
            if ((first == '"' && last == '"') || (first == '`' && last == '`')) {
                String quote = String.valueOf(first);
                p = p.substring(1, p.length() - 1).replace(quote + quote, quote);
            } else if (first == '[' && last == ']') {
                p = p.substring(1, p.length() - 1).replace("]]", "]");
            }
        }
        return p.toLowerCase(Locale.ROOT);
    }

    private static List<String> split(String written) {
        List<String> parts = new ArrayList<>(3);
        int start = 0;
        char quote = 0;
        for (int i = 0; i < written.length(); i++) {
            char c = written.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '`') {
                quote = c;
            } else if (c == '[') {
                quote = ']';
            } else if (c == '.') {
                parts.add(written.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(written.substring(start));
        return parts;
    }
}
