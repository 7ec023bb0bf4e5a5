package io.mandate.agent.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.mandate.agent.journal.JournalRollCycle;

/**
 * The agent's configuration. Each key is read from the agent arguments ({@code key=value,...}),
 * else the system property {@code mandate.<key>}, else the environment variable
 * {@code MANDATE_<KEY>}, else its default. Unknown keys in the arguments or among the
 * {@code mandate.*} system properties, and invalid values anywhere, are errors: a typo must not
 * silently leave a security control in its default.
 */
public final class AgentConfig {
    /** Launcher-level switches read directly as system properties, not configuration keys. */
    private static final String DEBUG_PROPERTY = "mandate.debug";
    /** Read by the launcher (StartupPreloader): false turns the start's class preloading off, to measure it. */
    private static final String PRELOAD_PROPERTY = "mandate.preload";
    static final String DEFAULT_JOURNAL = "./mandate-journal";

    private final Path policy;
    private final Mode mode;
    private final String journalSetting;
    private final Path journal;
    private final String agent;
    private final String purpose;
    private final OnError onError;
    private final Path operatorKey;
    private final List<Path> lineageTrust;
    private final boolean control;
    private final JournalRetention journalRetention;
    private final SqlJournaling journalSql;
    private final QueryJournaling journalQuery;

    /** The journal's roll cycle and retention limits, as configured. */
    public static final class JournalRetention {
        final JournalRollCycle roll;
        final long maxSize;
        final String maxSizeSetting;
        final Duration maxAge;
        final String maxAgeSetting;

        JournalRetention(JournalRollCycle roll, long maxSize, String maxSizeSetting, Duration maxAge,
                         String maxAgeSetting) {
            this.roll = roll;
            this.maxSize = maxSize;
            this.maxSizeSetting = maxSizeSetting;
            this.maxAge = maxAge;
            this.maxAgeSetting = maxAgeSetting;
        }

        public JournalRollCycle roll() {
            return roll;
        }

        /** Bytes, or 0: no size limit. */
        public long maxSize() {
            return maxSize;
        }

        /** Null: no age limit. */
        public Duration maxAge() {
            return maxAge;
        }
    }

    private AgentConfig(Path policy, Mode mode, String journalSetting, Path journal, String agent, String purpose,
                        OnError onError, Path operatorKey, List<Path> lineageTrust, boolean control,
                        JournalRetention journalRetention, SqlJournaling journalSql, QueryJournaling journalQuery) {
        this.purpose = purpose;
        this.journalSql = journalSql;
        this.journalQuery = journalQuery;
        this.operatorKey = operatorKey;
        this.lineageTrust = lineageTrust;
        this.control = control;
        this.journalRetention = journalRetention;
        this.policy = policy;
        this.mode = mode;
        this.journalSetting = journalSetting;
        this.journal = journal;
        this.agent = agent;
        this.onError = onError;
    }

    /**
     * Resolves the configuration.
     *
     * @param agentArguments what follows {@code =} in {@code -javaagent:mandate-agent.jar=...}, or null
     * @param javaCommand    the {@code sun.java.command} property: names the default agent identity
     */
    public static AgentConfig resolve(String agentArguments, Properties systemProperties, Map<String, String> environment,
                                      String javaCommand) throws ConfigException {
        Map<ConfigKey, Setting> arguments = parseArguments(agentArguments);
        rejectUnknownSystemProperties(systemProperties);
        Map<ConfigKey, Setting> settings = new EnumMap<>(ConfigKey.class);
        for (ConfigKey key : ConfigKey.values()) {
            Setting setting = arguments.get(key);
            if (setting == null && systemProperties.getProperty(key.systemProperty()) != null) {
                setting = new Setting(systemProperties.getProperty(key.systemProperty()),
                        "-D" + key.systemProperty());
            }
            if (setting == null && environment.get(key.environmentVariable()) != null) {
                setting = new Setting(environment.get(key.environmentVariable()), key.environmentVariable());
            }
            if (setting != null) {
                settings.put(key, setting);
            }
        }

        Mode mode = settings.containsKey(ConfigKey.MODE)
                ? choice(ConfigKey.MODE, settings.get(ConfigKey.MODE), Mode.values(), Mode::keyword) : Mode.AUDIT;
        OnError onError = settings.containsKey(ConfigKey.ON_ERROR)
                ? choice(ConfigKey.ON_ERROR, settings.get(ConfigKey.ON_ERROR), OnError.values(), OnError::keyword)
                : mode == Mode.ENFORCE ? OnError.CLOSED : OnError.OPEN;
        Path policy = settings.containsKey(ConfigKey.POLICY) ? path(ConfigKey.POLICY, settings.get(ConfigKey.POLICY))
                : null;
        Setting journalSetting = settings.getOrDefault(ConfigKey.JOURNAL, new Setting(DEFAULT_JOURNAL, "the default"));
        Path journal = path(ConfigKey.JOURNAL, journalSetting);
        String agent = settings.containsKey(ConfigKey.AGENT) ? nonBlank(ConfigKey.AGENT, settings.get(ConfigKey.AGENT))
                : AgentIdentity.fromJavaCommand(javaCommand);
        String purpose = settings.containsKey(ConfigKey.PURPOSE) ? settings.get(ConfigKey.PURPOSE).value.strip() : "";
        Path operatorKey = settings.containsKey(ConfigKey.OPERATOR_KEY)
                ? path(ConfigKey.OPERATOR_KEY, settings.get(ConfigKey.OPERATOR_KEY)) : null;
        List<Path> lineageTrust = settings.containsKey(ConfigKey.LINEAGE_TRUST)
                ? paths(ConfigKey.LINEAGE_TRUST, settings.get(ConfigKey.LINEAGE_TRUST)) : List.of();
        boolean control = !settings.containsKey(ConfigKey.CONTROL)
                || choice(ConfigKey.CONTROL, settings.get(ConfigKey.CONTROL), new String[] {"on", "off"}, value -> value)
                        .equals("on");
        SqlJournaling journalSql = settings.containsKey(ConfigKey.JOURNAL_SQL)
                ? choice(ConfigKey.JOURNAL_SQL, settings.get(ConfigKey.JOURNAL_SQL), SqlJournaling.values(),
                        SqlJournaling::keyword)
                : SqlJournaling.REDACTED;
        QueryJournaling journalQuery = settings.containsKey(ConfigKey.JOURNAL_QUERY)
                ? choice(ConfigKey.JOURNAL_QUERY, settings.get(ConfigKey.JOURNAL_QUERY), QueryJournaling.values(),
                        QueryJournaling::keyword)
                : QueryJournaling.OMIT;
        return new AgentConfig(policy, mode, journalSetting.value.trim(), journal, agent, purpose, onError, operatorKey,
                lineageTrust, control, journalRetention(settings), journalSql, journalQuery);
    }

    private static JournalRetention journalRetention(Map<ConfigKey, Setting> settings) throws ConfigException {
        JournalRollCycle roll = JournalRollCycle.DAILY;
        Setting rollSetting = settings.get(ConfigKey.JOURNAL_ROLL);
        if (rollSetting != null) {
            roll = JournalRetentionValues.roll(rollSetting.value);
            if (roll == null) {
                throw new ConfigException("mandate: bad value '" + rollSetting.value + "' for " + ConfigKey.JOURNAL_ROLL.key()
                        + " (from " + rollSetting.origin + "); valid values: " + JournalRetentionValues.ROLL_VALUES);
            }
        }
        long maxSize = 0;
        Setting sizeSetting = settings.get(ConfigKey.JOURNAL_MAX_SIZE);
        if (sizeSetting != null) {
            maxSize = JournalRetentionValues.size(sizeSetting.value);
            if (maxSize <= 0) {
                throw new ConfigException("mandate: bad value '" + sizeSetting.value + "' for "
                        + ConfigKey.JOURNAL_MAX_SIZE.key() + " (from " + sizeSetting.origin
                        + "); expected a positive size in bytes with an optional k, m, g or t suffix, e.g. 512m or 10g");
            }
        }
        Duration maxAge = null;
        Setting ageSetting = settings.get(ConfigKey.JOURNAL_MAX_AGE);
        if (ageSetting != null) {
            maxAge = JournalRetentionValues.age(ageSetting.value);
            if (maxAge == null) {
                throw new ConfigException("mandate: bad value '" + ageSetting.value + "' for "
                        + ConfigKey.JOURNAL_MAX_AGE.key() + " (from " + ageSetting.origin
                        + "); expected a positive age with an s, m, h or d suffix, e.g. 30d or 12h");
            }
        }
        return new JournalRetention(roll, maxSize, sizeSetting == null ? "" : sizeSetting.value.trim(), maxAge,
                ageSetting == null ? "" : ageSetting.value.trim());
    }

    /** The policy file, or null when none is configured. */
    public Path policy() {
        return policy;
    }

    public Mode mode() {
        return mode;
    }

    /** The journal directory as configured (relative paths resolve against the working directory). */
    public Path journal() {
        return journal;
    }

    /** The journal directory as the user wrote it, for messages. */
    public String journalSetting() {
        return journalSetting;
    }

    /** The identity calls outside any chain are decided and journaled for. */
    public String agent() {
        return agent;
    }

    /**
     * The purpose every chain an agent framework's call opens gets (a chat or AI-service call outside any chain,
     * or inside a tool's step), or "": then each takes its system message's first sentence.
     */
    public String purpose() {
        return purpose;
    }

    public OnError onError() {
        return onError;
    }

    /** The same configuration in another mode: a policy with errors under onError=open runs in audit. */
    public AgentConfig withMode(Mode newMode) {
        return new AgentConfig(policy, newMode, journalSetting, journal, agent, purpose, onError, operatorKey,
                lineageTrust, control, journalRetention, journalSql, journalQuery);
    }

    /** The operator's Ed25519 private key (PEM) that certifies each run's journal key, or null. */
    public Path operatorKey() {
        return operatorKey;
    }

    /** Public key files whose signatures on a lineage header let a request continue its chain here; empty: none. */
    public List<Path> lineageTrust() {
        return lineageTrust;
    }

    /** True when the local control channel serves mandate status, revoke, reload… (docs/control.md). */
    public boolean control() {
        return control;
    }

    /** The journal's roll cycle and retention limits. */
    public JournalRetention journalRetention() {
        return journalRetention;
    }

    /** Whether SQL literals reach the journal. */
    public SqlJournaling journalSql() {
        return journalSql;
    }

    /** How much of a URL's query string reaches the journal. */
    public QueryJournaling journalQuery() {
        return journalQuery;
    }

    /** Flat key/value pairs, as the journal's agent.start event records them. */
    public Map<String, String> describe() {
        return Map.ofEntries(Map.entry(ConfigKey.POLICY.key(), policy == null ? "" : policy.toString()),
                Map.entry(ConfigKey.MODE.key(), mode.keyword()), Map.entry(ConfigKey.JOURNAL.key(), journalSetting),
                Map.entry(ConfigKey.AGENT.key(), agent), Map.entry(ConfigKey.PURPOSE.key(), purpose),
                Map.entry(ConfigKey.ON_ERROR.key(), onError.keyword()),
                Map.entry(ConfigKey.JOURNAL_ROLL.key(), JournalRetentionValues.keyword(journalRetention.roll)),
                Map.entry(ConfigKey.JOURNAL_MAX_SIZE.key(), journalRetention.maxSizeSetting),
                Map.entry(ConfigKey.JOURNAL_MAX_AGE.key(), journalRetention.maxAgeSetting),
                Map.entry(ConfigKey.JOURNAL_SQL.key(), journalSql.keyword()),
                Map.entry(ConfigKey.JOURNAL_QUERY.key(), journalQuery.keyword()));
    }

    private static Map<ConfigKey, Setting> parseArguments(String agentArguments) throws ConfigException {
        Map<ConfigKey, Setting> parsed = new EnumMap<>(ConfigKey.class);
        if (agentArguments == null || agentArguments.isBlank()) {
            return parsed;
        }
        for (String pair : agentArguments.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals < 0) {
                throw new ConfigException("mandate: agent argument '" + pair.trim()
                        + "' is not key=value; valid keys: " + ConfigKey.listing());
            }
            String name = pair.substring(0, equals).trim();
            ConfigKey key = ConfigKey.of(name);
            if (key == null) {
                throw new ConfigException("mandate: unknown configuration key '" + name
                        + "' in the agent arguments; valid keys: " + ConfigKey.listing());
            }
            if (parsed.containsKey(key)) {
                throw new ConfigException("mandate: configuration key '" + name
                        + "' is given twice in the agent arguments");
            }
            parsed.put(key, new Setting(pair.substring(equals + 1), "the agent arguments"));
        }
        return parsed;
    }

    private static void rejectUnknownSystemProperties(Properties systemProperties) throws ConfigException {
        for (String name : systemProperties.stringPropertyNames()) {
            if (name.startsWith("mandate.") && !name.equals(DEBUG_PROPERTY) && !name.equals(PRELOAD_PROPERTY)
                    && ConfigKey.of(name.substring("mandate.".length())) == null) {
                throw new ConfigException("mandate: unknown configuration key in system property -D" + name
                        + "; valid keys: " + ConfigKey.listing() + " as -Dmandate.<key>, and -" + "D" + DEBUG_PROPERTY
                        + "=true, -D" + PRELOAD_PROPERTY + "=false");
            }
        }
    }

    private interface Keyword<T> {
        String of(T value);
    }

    private static <T> T choice(ConfigKey key, Setting setting, T[] choices, Keyword<T> keyword)
            throws ConfigException {
        String value = setting.value.trim();
        StringBuilder valid = new StringBuilder();
        for (T choice : choices) {
            if (keyword.of(choice).equals(value)) {
                return choice;
            }
            valid.append(valid.length() == 0 ? "" : ", ").append(keyword.of(choice));
        }
        throw new ConfigException("mandate: bad value '" + setting.value + "' for " + key.key() + " (from "
                + setting.origin + "); valid values: " + valid);
    }

    private static String nonBlank(ConfigKey key, Setting setting) throws ConfigException {
        String value = setting.value.trim();
        if (value.isEmpty()) {
            throw new ConfigException("mandate: empty value for " + key.key() + " (from " + setting.origin
                    + "); expected " + key.valueHint());
        }
        return value;
    }

    private static Path path(ConfigKey key, Setting setting) throws ConfigException {
        String value = nonBlank(key, setting);
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new ConfigException("mandate: bad value '" + value + "' for " + key.key() + " (from " + setting.origin
                    + "): not a valid path: " + e.getReason());
        }
    }

    /** A list of paths separated by the platform's path separator, as a class path is. */
    private static List<Path> paths(ConfigKey key, Setting setting) throws ConfigException {
        List<Path> paths = new ArrayList<>();
        for (String entry : nonBlank(key, setting).split(java.util.regex.Pattern.quote(java.io.File.pathSeparator))) {
            if (!entry.isBlank()) {
                paths.add(path(key, new Setting(entry.trim(), setting.origin)));
            }
        }
        if (paths.isEmpty()) {
            throw new ConfigException("mandate: empty value for " + key.key() + " (from " + setting.origin
                    + "); expected " + key.valueHint());
        }
        return List.copyOf(paths);
    }

    /** A raw value and where it came from, for messages. */
    private static final class Setting {
        final String value;
        final String origin;

        Setting(String value, String origin) {
            this.value = value;
            this.origin = origin;
        }
    }
}
