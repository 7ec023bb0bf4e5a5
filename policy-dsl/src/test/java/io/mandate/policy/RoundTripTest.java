package io.mandate.policy;

import io.mandate.policy.ast.PolicyAst;
import io.mandate.policy.json.PolicyJson;
import io.mandate.policy.testing.PolicyGenerator;
import io.mandate.policy.text.PolicyFormatter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** text -> AST -> text is stable, and text -> JSON -> text gives the canonical text back, with the same hash. */
class RoundTripTest {
    private static void assertRoundTrips(String text) {
        LoadResult fromText = PolicyLoader.parse("p.mandate", text);
        assertTrue(fromText.ok(), fromText.render());
        String canonical = PolicyFormatter.format(fromText.ast());

        LoadResult reparsed = PolicyLoader.parse("p.mandate", canonical);
        assertTrue(reparsed.ok(), reparsed.render());
        assertEquals(canonical, PolicyFormatter.format(reparsed.ast()), "formatting is stable");
        assertEquals(fromText.policy().hash(), reparsed.policy().hash());

        String json = PolicyJson.write(fromText.ast());
        LoadResult fromJson = PolicyLoader.parseJson("p.json", json);
        assertTrue(fromJson.ok(), fromJson.render());
        assertEquals(canonical, PolicyFormatter.format(fromJson.ast()), "text -> JSON -> text");
        assertEquals(json, PolicyJson.write(fromJson.ast()), "JSON -> AST -> JSON");
        assertEquals(fromText.policy().hash(), fromJson.policy().hash(), "the hash is the canonical form's");
    }

    @Test
    void theExampleRoundTrips() throws IOException {
        assertRoundTrips(Files.readString(ExamplePolicyTest.example()));
    }

    @Test
    void generatedPoliciesRoundTrip() {
        for (long seed = 1; seed <= 20; seed++) {
            assertRoundTrips(PolicyGenerator.generate(seed, 60, 25));
        }
    }

    @Test
    void conditionsKeepTheirShapeAndEscapes() {
        assertRoundTrips("policy \"a \\\"quoted\\\" \\\\ name\"\ndefault flag\nagent \"*\" {\n"
                + "  allow jdbc select on \"weird name\", x when not (tool == \"a\" or tool == \"b\") and (user == \"u\" and (agent == \"z\"))\n"
                + "  allow jdbc select on y when (tool == \"a\" or tool == \"b\") or trust >= 0.75 unless_not_a_keyword_here\n"
                .replace(" unless_not_a_keyword_here", "")
                + "  deny http * to \"https://x/**\" unless chain.depth in [1, 2] reason \"line\\nbreak\"\n"
                + "  limit file bytes-written 5GiB per step per hour\n}\n");
    }

    @Test
    void theCanonicalFormOfTheExampleReadsLikeTheExample() throws IOException {
        String canonical = PolicyFormatter.format(PolicyLoader.load(ExamplePolicyTest.example()).ast());
        assertTrue(canonical.startsWith("policy \"support-desk\"\ndefault deny\n\nagent \"support-*\" {\n"
                + "  purpose \"answer customer support tickets\"\n"
                + "  allow jdbc select on customers, tickets, public.ticket_notes\n"), canonical);
        assertTrue(canonical.contains("  limit http requests 20 per agent per second\n  limit file bytes-read 50MB per chain\n}"), canonical);
    }

    @Test
    void badJsonIsReportedNotThrown() {
        LoadResult broken = PolicyLoader.parseJson("p.json", "{\"policy\": \"x\",\n \"agents\": [ }");
        assertFalse(broken.ok());
        assertEquals(2, broken.diagnostics().get(0).line(), broken.render());
        LoadResult wrong = PolicyLoader.parseJson("p.json", "{\"policy\": \"x\", \"agnets\": [], \"default\": \"dney\"}");
        assertFalse(wrong.ok());
        assertTrue(wrong.render().contains("agnets: unknown field"), wrong.render());
        assertTrue(wrong.render().contains("did you mean 'agents'?"), wrong.render());
        assertTrue(wrong.render().contains("did you mean 'deny'?"), wrong.render());
        LoadResult badRule = PolicyLoader.parseJson("p.json", "{\"policy\": \"x\", \"agents\": [{\"agent\": \"*\", \"rules\": ["
                + "{\"verdict\": \"allow\", \"kind\": \"jdbc\", \"operations\": [\"selct\"], \"when\": {\"attribute\": \"tool\", \"op\": \">\", \"value\": 1}}]}]}");
        assertFalse(badRule.ok());
        assertTrue(badRule.render().contains("unknown jdbc operation 'selct'"), badRule.render());
        assertTrue(badRule.render().contains("compares numbers"), badRule.render());
    }

    @Test
    void jsonRuleIdsNameTheirPlace() {
        LoadResult r = PolicyLoader.parseJson("p.json", "{\"policy\": \"x\", \"agents\": [{\"agent\": \"*\", \"rules\": ["
                + "{\"verdict\": \"allow\", \"kind\": \"jdbc\", \"operations\": [\"select\"], \"resources\": [\"t\"]}]}]}");
        assertTrue(r.ok(), r.render());
        PolicyAst ast = r.ast();
        assertEquals(1, ast.agents().get(0).rules().size());
        Decision d = r.policy().decide(Policies.request(Kind.JDBC, "a", "select", "t"), new LimitCounters());
        assertEquals("p.json#agents[0].rules[0]", d.ruleId());
    }
}
