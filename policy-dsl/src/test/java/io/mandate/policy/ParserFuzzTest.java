package io.mandate.policy;

import io.mandate.policy.testing.PolicyGenerator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Feeds the loader mutated policies (and the JSON reader mutated JSON) from a seeded generator:
 * on every input it must return, with errors carrying a position, and never throw. The budget is
 * a fixed number of inputs; the timeout only guards against a hang.
 */
class ParserFuzzTest {
    private static final String[] FRAGMENTS = {"policy", "agent", "allow", "deny", "flag", "limit", "jdbc", "http", "net", "file",
        "process", "select", "GET", "on", "to", "when", "unless", "reason", "per", "chain", "second", "@id(", "\"", "\"x\"", "{", "}",
        "(", ")", "[", "]", ",", "==", "<=", "!", "=", "not", "and", "or", "in", "matches", "tool", "chain.depth", "trust", "50MB",
        "99999999999999999999", "0.5", "*", "**", "\\", "\n", "\t", "#", "\u00e9", "\uD83D\uDE00", "\u0000", "\r\n"};

    @Test
    void theTextParserSurvivesMutatedPolicies() throws IOException {
        List<String> seeds = new ArrayList<>();
        seeds.add(Files.readString(ExamplePolicyTest.example()));
        seeds.add(PolicyGenerator.generate(7, 40, 15));
        Random random = new Random(20261125L);
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            for (int i = 0; i < 3000; i++) {
                String input = mutate(seeds.get(i % seeds.size()), random);
                check(input, PolicyLoader.parse("fuzz.mandate", input));
            }
            for (int i = 0; i < 1000; i++) {
                check("", PolicyLoader.parse("fuzz.mandate", randomText(random)));
            }
        });
    }

    @Test
    void theJsonReaderSurvivesMutatedJson() {
        LoadResult example = PolicyLoader.parse("p", PolicyGenerator.generate(3, 30, 10));
        String json = io.mandate.policy.json.PolicyJson.write(example.ast());
        Random random = new Random(11L);
        assertTimeoutPreemptively(Duration.ofMinutes(1), () -> {
            for (int i = 0; i < 1500; i++) {
                String input = mutate(json, random);
                check(input, PolicyLoader.parseJson("fuzz.json", input));
            }
        });
    }

    private static void check(String input, LoadResult result) {
        try {
            if (!result.ok()) {
                assertFalse(result.diagnostics().isEmpty(), "a failed load says why");
                for (Diagnostic d : result.diagnostics()) {
                    assertTrue(d.line() >= 1 && d.column() >= 1, d.toString());
                    assertFalse(d.message().startsWith("internal error"), () -> "internal error on input:\n" + input + "\n" + result.render());
                }
            }
            result.render();
        } catch (RuntimeException e) {
            fail("threw on input:\n" + input, e);
        }
    }

    private static String mutate(String seed, Random random) {
        StringBuilder s = new StringBuilder(seed);
        int edits = 1 + random.nextInt(6);
        for (int e = 0; e < edits && s.length() > 0; e++) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(4)) {
                case 0: s.deleteCharAt(at); break;
                case 1: s.insert(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]); break;
                case 2: s.setCharAt(at, (char) (32 + random.nextInt(95))); break;
                default:
                    int end = Math.min(s.length(), at + random.nextInt(40));
                    s.delete(at, end);
            }
        }
        return s.toString();
    }

    private static String randomText(Random random) {
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(60);
        for (int i = 0; i < n; i++) {
            s.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]).append(random.nextBoolean() ? " " : "");
        }
        return s.toString();
    }
}
