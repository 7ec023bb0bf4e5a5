package io.mandate.agent.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentConfigTest {
    private static final String COMMAND = "com.acme.bots.SupportBot --port 8080";

    private static AgentConfig resolve(String arguments, Properties properties, Map<String, String> environment)
            throws ConfigException {
        return AgentConfig.resolve(arguments, properties, environment, COMMAND);
    }

    private static Properties properties(String... keyValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    @Test
    void defaultsAuditWithoutPolicyOpenOnErrorAndTheMainClassAsAgent() throws ConfigException {
        AgentConfig config = resolve(null, properties(), Map.of());

        assertEquals(Mode.AUDIT, config.mode());
        assertEquals(OnError.OPEN, config.onError());
        assertNull(config.policy());
        assertEquals(Path.of("./mandate-journal"), config.journal());
        assertEquals("./mandate-journal", config.journalSetting());
        assertEquals("SupportBot", config.agent());
    }

    @Test
    void enforceModeFailsClosedUnlessToldOtherwise() throws ConfigException {
        assertEquals(OnError.CLOSED, resolve("mode=enforce", properties(), Map.of()).onError());
        assertEquals(OnError.OPEN, resolve("mode=enforce,onError=open", properties(), Map.of()).onError());
    }

    @Test
    void agentArgumentsWinOverSystemPropertiesWhichWinOverTheEnvironment() throws ConfigException {
        Properties system = properties("mandate.mode", "audit", "mandate.journal", "/var/sys-journal");
        Map<String, String> environment = Map.of("MANDATE_MODE", "audit", "MANDATE_JOURNAL", "/var/env-journal",
                "MANDATE_AGENT", "env-bot", "MANDATE_POLICY", "env.mandate");

        AgentConfig config = resolve("mode=enforce", system, environment);

        assertEquals(Mode.ENFORCE, config.mode());
        assertEquals(Path.of("/var/sys-journal"), config.journal());
        assertEquals("env-bot", config.agent());
        assertEquals(Path.of("env.mandate"), config.policy());
    }

    @Test
    void onErrorIsReadFromItsUpperCaseEnvironmentVariable() throws ConfigException {
        assertEquals(OnError.CLOSED, resolve(null, properties(), Map.of("MANDATE_ONERROR", "closed")).onError());
    }

    @Test
    void anUnknownArgumentKeyListsTheValidKeys() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> resolve("polcy=support.mandate", properties(), Map.of()));

        assertTrue(error.getMessage().contains("unknown configuration key 'polcy'"), error.getMessage());
        for (ConfigKey key : ConfigKey.values()) {
            assertTrue(error.getMessage().contains(key.key()), error.getMessage());
        }
    }

    @Test
    void anUnknownMandateSystemPropertyIsATypoNotSilence() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> resolve(null, properties("mandate.mdoe", "enforce"), Map.of()));

        assertTrue(error.getMessage().contains("-Dmandate.mdoe"), error.getMessage());
    }

    @Test
    void theDebugSwitchAndForeignPropertiesAreNotConfigurationKeys() throws ConfigException {
        AgentConfig config = resolve(null, properties("mandate.debug", "true", "mandatex.other", "1"),
                Map.of("MANDATE_HOME", "/opt/mandate"));

        assertEquals(Mode.AUDIT, config.mode());
    }

    @Test
    void aBadValueNamesWhereItCameFromAndTheValidValues() {
        ConfigException fromArguments = assertThrows(ConfigException.class,
                () -> resolve("mode=enforcing", properties(), Map.of()));
        assertEquals("mandate: bad value 'enforcing' for mode (from the agent arguments); valid values: audit, enforce",
                fromArguments.getMessage());

        ConfigException fromEnvironment = assertThrows(ConfigException.class,
                () -> resolve(null, properties(), Map.of("MANDATE_ONERROR", "ignore")));
        assertEquals("mandate: bad value 'ignore' for onError (from MANDATE_ONERROR); valid values: open, closed",
                fromEnvironment.getMessage());
    }

    @Test
    void anArgumentWithoutEqualsSignIsRejected() {
        ConfigException error = assertThrows(ConfigException.class, () -> resolve("enforce", properties(), Map.of()));

        assertTrue(error.getMessage().contains("'enforce' is not key=value"), error.getMessage());
    }

    @Test
    void aKeyGivenTwiceIsAmbiguous() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> resolve("mode=audit,mode=enforce", properties(), Map.of()));

        assertTrue(error.getMessage().contains("given twice"), error.getMessage());
    }

    @Test
    void emptyValuesAreRejected() {
        ConfigException error = assertThrows(ConfigException.class, () -> resolve("agent= ", properties(), Map.of()));

        assertTrue(error.getMessage().contains("empty value for agent"), error.getMessage());
    }

    @Test
    void emptySegmentsAndSurroundingBlanksAreTolerated() throws ConfigException {
        AgentConfig config = resolve(" mode = enforce ,, agent=desk-bot,", properties(), Map.of());

        assertEquals(Mode.ENFORCE, config.mode());
        assertEquals("desk-bot", config.agent());
    }

    @Test
    void thePurposeOfFrameworkChainsIsEmptyUnlessConfigured() throws ConfigException {
        assertEquals("", resolve("mode=enforce", properties(), Map.of()).purpose());
        assertEquals("answer support tickets", resolve("purpose= answer support tickets ", properties(), Map.of()).purpose());
        assertEquals("triage", resolve(null, properties(), Map.of("MANDATE_PURPOSE", "triage")).purpose());
    }

    @Test
    void describeListsEveryKeyForTheJournal() throws ConfigException {
        Map<String, String> described = resolve("policy=p.mandate,mode=enforce", properties(), Map.of()).describe();

        assertEquals(Map.ofEntries(Map.entry("policy", "p.mandate"), Map.entry("mode", "enforce"),
                Map.entry("journal", "./mandate-journal"), Map.entry("agent", "SupportBot"), Map.entry("purpose", ""),
                Map.entry("onError", "closed"), Map.entry("journalRoll", "daily"), Map.entry("journalMaxSize", ""),
                Map.entry("journalMaxAge", ""), Map.entry("journalSql", "redacted"), Map.entry("journalQuery", "omit")),
                described);
    }

    @Test
    void sqlLiteralsAndQueryStringsStayOutOfTheJournalUnlessConfiguredOtherwise() throws ConfigException {
        AgentConfig defaults = resolve(null, properties(), Map.of());
        assertEquals(SqlJournaling.REDACTED, defaults.journalSql());
        assertEquals(QueryJournaling.OMIT, defaults.journalQuery());

        AgentConfig fromEverywhere = resolve("journalSql=verbatim", properties("mandate.journalQuery", "redacted"),
                Map.of("MANDATE_JOURNALQUERY", "verbatim", "MANDATE_JOURNALSQL", "redacted"));
        assertEquals(SqlJournaling.VERBATIM, fromEverywhere.journalSql(), "the agent arguments win");
        assertEquals(QueryJournaling.REDACTED, fromEverywhere.journalQuery(), "then the system property");
        assertEquals(QueryJournaling.VERBATIM,
                resolve(null, properties(), Map.of("MANDATE_JOURNALQUERY", "verbatim")).journalQuery());
    }

    @Test
    void aBadRedactionValueStopsTheStartWithTheValidValues() {
        ConfigException sql = assertThrows(ConfigException.class,
                () -> resolve("journalSql=plain", properties(), Map.of()));
        assertTrue(sql.getMessage().contains("valid values: redacted, verbatim"), sql.getMessage());
        ConfigException query = assertThrows(ConfigException.class,
                () -> resolve(null, properties(), Map.of("MANDATE_JOURNALQUERY", "all")));
        assertTrue(query.getMessage().contains("MANDATE_JOURNALQUERY"), query.getMessage());
        assertTrue(query.getMessage().contains("valid values: omit, redacted, verbatim"), query.getMessage());
    }

    @Test
    void journalRollAndRetentionDefaultToDailyFilesKeptForever() throws ConfigException {
        AgentConfig.JournalRetention retention = resolve(null, properties(), Map.of()).journalRetention();

        assertEquals(io.mandate.agent.journal.JournalRollCycle.DAILY, retention.roll());
        assertEquals(0, retention.maxSize());
        assertNull(retention.maxAge());
    }

    @Test
    void journalRollAndRetentionAreReadWithUnits() throws ConfigException {
        AgentConfig config = resolve("journalRoll=hourly,journalMaxSize=512m", properties("mandate.journalMaxAge", "30d"),
                Map.of());

        assertEquals(io.mandate.agent.journal.JournalRollCycle.HOURLY, config.journalRetention().roll());
        assertEquals(512L << 20, config.journalRetention().maxSize());
        assertEquals(java.time.Duration.ofDays(30), config.journalRetention().maxAge());
        assertEquals(10L << 30, resolve("journalMaxSize=10g", properties(), Map.of()).journalRetention().maxSize());
        assertEquals(4096, resolve("journalMaxSize=4096", properties(), Map.of()).journalRetention().maxSize());
        assertEquals(java.time.Duration.ofSeconds(45),
                resolve("journalMaxAge=45s,journalRoll=secondly", properties(), Map.of()).journalRetention().maxAge());
        assertEquals("512m", config.describe().get("journalMaxSize"));
    }

    @Test
    void badJournalRollOrLimitsStopTheStartNamingTheValidForms() {
        ConfigException roll = assertThrows(ConfigException.class,
                () -> resolve("journalRoll=weekly", properties(), Map.of()));
        assertTrue(roll.getMessage().contains("daily, hourly, five-minutely, secondly"), roll.getMessage());
        ConfigException size = assertThrows(ConfigException.class,
                () -> resolve("journalMaxSize=lots", properties(), Map.of()));
        assertTrue(size.getMessage().contains("512m"), size.getMessage());
        assertThrows(ConfigException.class, () -> resolve("journalMaxSize=0", properties(), Map.of()));
        assertThrows(ConfigException.class, () -> resolve("journalMaxSize=99999999999t", properties(), Map.of()));
        ConfigException age = assertThrows(ConfigException.class,
                () -> resolve("journalMaxAge=7", properties(), Map.of()));
        assertTrue(age.getMessage().contains("30d"), age.getMessage());
    }

    @Test
    void lineageTrustIsAListOfKeyFilesSeparatedLikeAClassPath() throws ConfigException {
        String sep = java.io.File.pathSeparator;
        AgentConfig config = resolve(null, properties("mandate.lineageTrust", "/etc/a.pem" + sep + " b.pem " + sep), Map.of());

        assertEquals(java.util.List.of(Path.of("/etc/a.pem"), Path.of("b.pem")), config.lineageTrust());
        assertEquals(java.util.List.of(), resolve(null, properties(), Map.of()).lineageTrust());
        ConfigException empty = assertThrows(ConfigException.class,
                () -> resolve(null, properties("mandate.lineageTrust", sep), Map.of()));
        assertTrue(empty.getMessage().contains("empty value for lineageTrust"), empty.getMessage());
    }
}
