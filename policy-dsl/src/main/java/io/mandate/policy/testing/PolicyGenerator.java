package io.mandate.policy.testing;

import java.util.Random;

/**
 * Writes large, valid, synthetic policies for load tests and benchmarks: every kind, operation
 * lists, qualified and bare tables, URL, host, path and command globs, conditions of every
 * attribute, reasons, explicit ids and limits. The same seed gives the same text.
 */
public final class PolicyGenerator {
    private static final String[] JDBC_OPS = {"select", "insert", "update", "delete", "merge", "ddl", "call", "unknown", "*"};
    private static final String[] HTTP_OPS = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"};
    private static final String[] FILE_OPS = {"read", "write", "create", "delete", "list"};
    private static final String[] VERDICTS = {"allow", "allow", "allow", "deny", "flag"};

    private PolicyGenerator() {
    }

    /** A policy of {@code rules} rules in blocks of at most {@code rulesPerBlock}, one block per agent family. */
    public static String generate(long seed, int rules, int rulesPerBlock) {
        Random random = new Random(seed);
        StringBuilder s = new StringBuilder("policy \"generated-").append(seed).append("\"\ndefault deny\n");
        int written = 0;
        int block = 0;
        while (written < rules) {
            s.append("\nagent \"").append(block == 0 ? "*" : "team-" + block + "-*").append("\" {\n");
            s.append("  purpose \"generated block ").append(block).append("\"\n");
            int inBlock = Math.min(rulesPerBlock, rules - written);
            for (int i = 0; i < inBlock; i++) {
                s.append("  ").append(rule(random, written + i)).append('\n');
            }
            if (block % 3 == 0) {
                s.append("  limit jdbc rows ").append(1000 + random.nextInt(100_000)).append(" per chain\n");
                s.append("  limit http requests ").append(10 + random.nextInt(100)).append(" per agent per second\n");
                s.append("  limit file bytes-read ").append(1 + random.nextInt(100)).append("MB per step\n");
            }
            s.append("}\n");
            written += inBlock;
            block++;
        }
        return s.toString();
    }

    private static String rule(Random random, int n) {
        StringBuilder r = new StringBuilder();
        if (random.nextInt(10) == 0) {
            r.append("@id(\"rule-").append(n).append("\") ");
        }
        r.append(VERDICTS[random.nextInt(VERDICTS.length)]).append(' ');
        switch (random.nextInt(6)) {
            case 0: case 1:
                r.append("jdbc ").append(pick(random, JDBC_OPS, 2)).append(" on ").append(tables(random, n));
                break;
            case 2:
                r.append("http ").append(pick(random, HTTP_OPS, 3)).append(" to \"https://api").append(n).append(".example")
                        .append(random.nextBoolean() ? "" : ":8443").append("/v").append(random.nextInt(3)).append("/**\"");
                break;
            case 3:
                r.append("net connect to \"db").append(n).append(".internal:").append(random.nextBoolean() ? "5432" : "*").append('"');
                break;
            case 4:
                r.append("file ").append(pick(random, FILE_OPS, 2)).append(" \"/srv/data").append(n).append("/*/**\"");
                break;
            default:
                r.append("process exec \"tool").append(n).append(random.nextBoolean() ? "" : "-*").append('"');
        }
        switch (random.nextInt(8)) {
            case 0: r.append(" when tool in [\"t").append(n % 7).append("\", \"t").append(n % 5).append("\"]"); break;
            case 1: r.append(" unless chain.depth > ").append(1 + random.nextInt(4)); break;
            case 2: r.append(" when time.hour >= 8 and time.hour < 18"); break;
            case 3: r.append(" when user matches \"*@example.com\" or not trust < 0.5"); break;
            case 4: r.append(" when chain.purpose == \"purpose ").append(n % 3).append("\" and (agent != \"x\" or tool == \"y\")"); break;
            default: break;
        }
        if (random.nextInt(4) == 0) {
            r.append(" reason \"generated reason ").append(n).append(" with \\\"quotes\\\"\"");
        }
        return r.toString();
    }

    private static String tables(Random random, int n) {
        StringBuilder t = new StringBuilder();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                t.append(", ");
            }
            switch (random.nextInt(4)) {
                case 0: t.append("s").append(n % 10).append(".table_").append(n).append('_').append(i); break;
                case 1: t.append("audit_").append(n).append("_*"); break;
                default: t.append("table_").append(n).append('_').append(i);
            }
        }
        return t.toString();
    }

    private static String pick(Random random, String[] words, int max) {
        int count = 1 + random.nextInt(max);
        StringBuilder s = new StringBuilder();
        java.util.Set<String> used = new java.util.LinkedHashSet<>();
        for (int i = 0; i < count; i++) {
            used.add(words[random.nextInt(words.length)]);
        }
        for (String w : used) {
            s.append(s.length() == 0 ? "" : ", ").append(w);
        }
        return s.toString();
    }
}
