package io.mandate.agent.instrumentation.http.common;

import io.mandate.agent.config.QueryJournaling;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the journal shows of a URL under each journalQuery setting; credentials never. */
class JournaledUrlTest {
    private static final String URL =
            "https://bob:hunter2@Api.Example:443/v1/../search?q=shoes&page=2&access_token=abc123&flag#frag-secret";

    private static String shown(QueryJournaling setting, String url) {
        return new JournaledUrl(setting).of(url, RequestTarget.of(url));
    }

    @Test
    void byDefaultTheQueryIsLeftOut() {
        assertEquals("https://api.example/search", shown(QueryJournaling.OMIT, URL));
        assertEquals("https://api.example/search", shown(null, URL));
    }

    @Test
    void redactedKeepsTheParameterNamesOnly() {
        assertEquals("https://api.example/search?q=?&page=?&access_token=?&flag", shown(QueryJournaling.REDACTED, URL));
    }

    @Test
    void verbatimKeepsValuesButNeverACredentials() {
        assertEquals("https://api.example/search?q=shoes&page=2&access_token=?&flag", shown(QueryJournaling.VERBATIM, URL));
        assertEquals("http://h/x?api_key=?&X-Amz-Signature=?&sig=?&client_secret=?&user=ann&keyword=tea",
                shown(QueryJournaling.VERBATIM,
                        "http://h/x?api_key=1&X-Amz-Signature=2&sig=3&client_secret=4&user=ann&keyword=tea"));
    }

    @Test
    void userInfoAndTheFragmentNeverReachTheJournal() {
        for (QueryJournaling setting : QueryJournaling.values()) {
            String shown = shown(setting, URL);
            assertFalse(shown.contains("hunter2") || shown.contains("bob"), shown);
            assertFalse(shown.contains("frag-secret") || shown.contains("abc123"), shown);
        }
    }

    @Test
    void aUrlWithoutQueryOrWithAnEmptyOneIsItsTarget() {
        assertEquals("http://h/x", shown(QueryJournaling.VERBATIM, "http://h/x"));
        assertEquals("http://h/x", shown(QueryJournaling.VERBATIM, "http://h/x?"));
        assertEquals("http://h/x", shown(QueryJournaling.VERBATIM, "http://h/x#a?b=c"));
        assertEquals("http://h/x?a=?&&b", shown(QueryJournaling.REDACTED, "http://h/x?a=1&&b"));
    }

    @Test
    void credentialNamesAreRecognisedHoweverTheyAreSpelled() {
        for (String name : new String[] {"token", "id_token", "apiKey", "API-KEY", "password", "pwd", "Authorization",
            "sessionid", "key", "code", "jwt"}) {
            assertTrue(JournaledUrl.isCredential(name), name);
        }
        for (String name : new String[] {"q", "page", "keyword", "monkey", "user", "sort"}) {
            assertFalse(JournaledUrl.isCredential(name), name);
        }
    }
}
