package io.mandate.it.http;

import io.mandate.agent.journal.JournalEvent;
import io.mandate.it.http.HttpAgentRuns.Run;
import io.mandate.it.http.HttpAgentRuns.Target;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static io.mandate.it.http.JournalRedactionApp.API_KEY;
import static io.mandate.it.http.JournalRedactionApp.BEARER;
import static io.mandate.it.http.JournalRedactionApp.LITERAL;
import static io.mandate.it.http.JournalRedactionApp.PASSWORD;
import static io.mandate.it.http.JournalRedactionApp.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * What of a URL and a statement reaches the journal: by default neither query strings nor SQL
 * literals; with {@code journalQuery=verbatim,journalSql=verbatim} the query's plain parameters and
 * the literal, as the operator asked. Credentials never: user info, an Authorization header, and the
 * value of a token or API key parameter are in no event (nor in the agent.start configuration). The
 * policy never sees the query either way. The packaged agent, enforce mode, on the test JDK.
 */
class JournalRedactionTest {
    private static final String POLICY = String.join("\n",
            "policy \"http-it\"",
            "default deny",
            "agent \"research-bot\" {",
            "  allow http GET to \"http://127.0.0.1:*/kb/**\"",
            "  allow jdbc select on kb",
            "}",
            "agent \"*\" {",
            "  allow jdbc ddl on kb",
            "}",
            "");

    private static Run run(String settings) {
        Target target = new Target("JDK " + Runtime.version().feature(), Path.of(System.getProperty("java.home")),
                "enforce");
        return HttpAgentRuns.run(target, JournalRedactionApp.class, "redaction", POLICY, settings,
                jvm -> jvm.appLibraries("h2"));
    }

    @Test
    void byDefaultQueryStringsAndSqlLiteralsStayOutOfTheJournal() {
        Run run = run("");
        assertEquals("ok 7", run.outcome("huc_query"));
        assertEquals("ok 7", run.outcome("huc_userinfo"));
        assertEquals("ok 200", run.outcome("jdk_query"));
        assertEquals("ok false", run.outcome("sql"));
        assertEquals(run.allowed("/kb/article"), only(run, "huc_query").string("resource"));
        assertEquals(run.allowed("/kb/article"), only(run, "huc_userinfo").string("resource"));
        assertEquals(run.allowed("/kb/article"), only(run, "jdk_query").string("resource"));
        assertEquals("SELECT title FROM kb WHERE title = ?", only(run, "sql").string("resource"));
        assertNowhere(run, TOKEN, PASSWORD, API_KEY, BEARER, LITERAL, "shoes", "bob");
    }

    @Test
    void verbatimSettingsShowValuesButNeverCredentials() {
        Run run = run(",journalQuery=verbatim,journalSql=verbatim");
        assertEquals("ok 7", run.outcome("huc_query"));
        assertEquals(run.allowed("/kb/article?q=shoes&token=?"), only(run, "huc_query").string("resource"));
        assertEquals(run.allowed("/kb/article?q=tea"), only(run, "huc_userinfo").string("resource"));
        assertEquals(run.allowed("/kb/article?page=2&api_key=?"), only(run, "jdk_query").string("resource"));
        assertEquals("SELECT title FROM kb WHERE title = '" + LITERAL + "'", only(run, "sql").string("resource"));
        for (String scenario : List.of("huc_query", "huc_userinfo", "jdk_query")) {
            JournalEvent call = only(run, scenario);
            assertEquals(List.of(new JournalEvent.Access("GET", run.allowed("/kb/article"))), call.accesses(),
                    "the policy decided the URL without its query");
        }
        assertNowhere(run, TOKEN, PASSWORD, API_KEY, BEARER, "bob");
    }

    private static JournalEvent only(Run run, String scenario) {
        List<JournalEvent> calls = run.calls(scenario);
        assertEquals(1, calls.size(), () -> scenario + ": " + run.journal().dump());
        return calls.get(0);
    }

    private static void assertNowhere(Run run, String... secrets) {
        for (JournalEvent event : run.journal().all()) {
            for (String secret : secrets) {
                assertFalse(event.toString().contains(secret), () -> secret + " in " + event);
            }
        }
    }
}
