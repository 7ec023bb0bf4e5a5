package io.mandate.agent.config;

import java.util.Locale;

/** Every configuration key, as agent arguments spell it; docs/configuration.md describes each. */
public enum ConfigKey {
    POLICY("policy", "a policy file path"),
    MODE("mode", "audit | enforce"),
    JOURNAL("journal", "a directory"),
    AGENT("agent", "the agent identity outside chains"),
    PURPOSE("purpose", "the purpose of the chains agent frameworks' calls open (default: the system message's first sentence)"),
    ON_ERROR("onError", "open | closed"),
    OPERATOR_KEY("operatorKey", "an Ed25519 private key PEM file that certifies each run's journal key"),
    LINEAGE_TRUST("lineageTrust", "Ed25519 public key PEM files, separated by " + java.io.File.pathSeparator
            + ", whose lineage headers continue chains here"),
    CONTROL("control", "on | off"),
    JOURNAL_ROLL("journalRoll", "daily | hourly | five-minutely | secondly: how often the journal starts a new file"),
    JOURNAL_MAX_SIZE("journalMaxSize", "a size such as 10g or 512m: oldest journal files are removed beyond it"),
    JOURNAL_MAX_AGE("journalMaxAge", "an age such as 30d or 12h: journal files older than it are removed"),
    JOURNAL_SQL("journalSql", "redacted | verbatim: whether SQL literals reach the journal"),
    JOURNAL_QUERY("journalQuery", "omit | redacted | verbatim: how much of a URL's query string reaches the journal");

    private final String key;
    private final String valueHint;

    ConfigKey(String key, String valueHint) {
        this.key = key;
        this.valueHint = valueHint;
    }

    public String key() {
        return key;
    }

    /** {@code -Dmandate.onError} */
    public String systemProperty() {
        return "mandate." + key;
    }

    /** {@code MANDATE_ONERROR} */
    public String environmentVariable() {
        return "MANDATE_" + key.toUpperCase(Locale.ROOT);
    }

    String valueHint() {
        return valueHint;
    }

    static ConfigKey of(String key) {
        for (ConfigKey candidate : values()) {
            if (candidate.key.equals(key)) {
                return candidate;
            }
        }
        return null;
    }

    /** "policy (a policy file path), mode (audit | enforce), ..." for error messages. */
    static String listing() {
        StringBuilder keys = new StringBuilder();
        for (ConfigKey candidate : values()) {
            keys.append(keys.length() == 0 ? "" : ", ").append(candidate.key).append(" (").append(candidate.valueHint)
                    .append(')');
        }
        return keys.toString();
    }
}
