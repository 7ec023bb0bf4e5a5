package io.mandate.policy.text;

import io.mandate.policy.Kind;
import io.mandate.policy.Verdict;
import io.mandate.policy.ast.Suggestions;
import io.mandate.policy.ast.Vocabulary;
import io.mandate.policy.testing.PolicyTestCase;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads a policy test file (see docs/policy-language.md, "Policy tests"). Context lines before
 * the first case set defaults for every case; each {@code case "name"} then sets its own context,
 * one {@code call}, and one {@code expect}. Reports every error, never throws.
 */
public final class TestFileParser {
    private static final List<String> CONTEXT_WORDS = List.of("agent", "chain", "depth", "purpose", "user", "tool", "hour", "trust");
    private static final List<String> CASE_WORDS = List.of("case", "call", "expect", "repeat", "consume", "agent", "chain",
            "depth", "purpose", "user", "tool", "hour", "trust");

    private final List<Token> tokens;
    private final DiagnosticSink sink;
    private int p;

    private TestFileParser(List<Token> tokens, DiagnosticSink sink) {
        this.tokens = tokens;
        this.sink = sink;
    }

    public static List<PolicyTestCase> parse(String text, DiagnosticSink sink) {
        return new TestFileParser(new Lexer(text, sink).tokenize(), sink).file();
    }

    /** Mutable builder of a case's fields while its lines are read. */
    private static final class Draft {
        String name = "";
        int line;
        String agent = "";
        String chainId = "";
        int depth;
        String purpose = "";
        String user = "";
        String stepId = "";
        String tool = "";
        int hour = 12;
        double trust = 1.0;
        Kind kind;
        List<PolicyTestCase.Access> accesses = new ArrayList<>();
        int repeat = 1;
        String consumeMetric = "";
        long consumeAmount;
        Verdict expected;
        String rule = "";
        String reason = "";
        /** A line of the case had an error, already reported: the case is dropped without more noise. */
        boolean broken;

        Draft copyContext() {
            Draft d = new Draft();
            d.agent = agent;
            d.chainId = chainId;
            d.depth = depth;
            d.purpose = purpose;
            d.user = user;
            d.stepId = stepId;
            d.tool = tool;
            d.hour = hour;
            d.trust = trust;
            return d;
        }
    }

    private List<PolicyTestCase> file() {
        List<PolicyTestCase> cases = new ArrayList<>();
        Draft defaults = new Draft();
        Draft current = null;
        Token caseToken = null;
        while (peek().type() != TokenType.EOF) {
            Token t = next();
            try {
                if (t.isWord("case")) {
                    finish(current, caseToken, cases);
                    current = defaults.copyContext();
                    current.name = string();
                    current.line = t.line();
                    caseToken = t;
                } else if (t.type() == TokenType.WORD && CONTEXT_WORDS.contains(t.text())) {
                    context(current == null ? defaults : current, t);
                } else if (current != null && t.isWord("call")) {
                    call(current);
                } else if (current != null && t.isWord("expect")) {
                    expect(current);
                } else if (current != null && t.isWord("repeat")) {
                    current.repeat = (int) Math.min(1_000_000, whole());
                } else if (current != null && t.isWord("consume")) {
                    current.consumeMetric = word();
                    current.consumeAmount = whole();
                } else {
                    sink.error(t.pos(), "expected " + (current == null ? "a context line or 'case \"name\"'" : "a case line") + ", found " + t.describe(),
                            t.type() == TokenType.WORD ? Suggestions.didYouMean(t.text(), CASE_WORDS) : "");
                    skipLine();
                }
            } catch (IllegalArgumentException e) {
                if (current != null) {
                    current.broken = true;
                }
                skipLine();
            }
        }
        finish(current, caseToken, cases);
        if (cases.isEmpty() && !sink.hasErrors()) {
            sink.error(peek().pos(), "the test file has no case", "as in: case \"reads customers\" ... expect allow");
        }
        return cases;
    }

    private void context(Draft d, Token word) {
        switch (word.text()) {
            case "agent": d.agent = string(); break;
            case "chain":
                d.chainId = string();
                if (d.depth == 0) {
                    d.depth = 1;
                }
                break;
            case "depth": d.depth = (int) Math.min(10_000, whole()); break;
            case "purpose": d.purpose = string(); break;
            case "user": d.user = string(); break;
            case "tool":
                d.tool = string();
                d.stepId = d.tool.isEmpty() ? "" : "step-" + d.tool;
                break;
            case "hour": d.hour = (int) Math.min(23, whole()); break;
            default: d.trust = number(); break;
        }
    }

    private void call(Draft d) {
        Token kindToken = next();
        Kind kind = kindToken.type() == TokenType.WORD ? Vocabulary.kindByKeyword(kindToken.text()) : null;
        if (kind == null) {
            fail(kindToken, "expected jdbc, http, net, file or process, found " + kindToken.describe(),
                    kindToken.type() == TokenType.WORD ? Suggestions.didYouMean(kindToken.text(),
                            Arrays.stream(Kind.values()).map(Kind::keyword).toList()) : "");
        }
        d.kind = kind;
        d.accesses = new ArrayList<>();
        do {
            String op = word();
            Token resource = peek();
            String r = "";
            if ((resource.type() == TokenType.WORD || resource.type() == TokenType.STRING) && !resource.firstOnLine()) {
                next();
                r = resource.text();
            }
            d.accesses.add(new PolicyTestCase.Access(op, r));
        } while (accept(TokenType.COMMA));
    }

    private void expect(Draft d) {
        Token v = next();
        if (v.type() != TokenType.WORD || !List.of("allow", "deny", "flag").contains(v.text())) {
            fail(v, "expected allow, deny or flag, found " + v.describe(),
                    v.type() == TokenType.WORD ? Suggestions.didYouMean(v.text(), List.of("allow", "deny", "flag")) : "");
        }
        d.expected = Verdict.valueOf(v.text().toUpperCase(Locale.ROOT));
        while (!peek().firstOnLine() && peek().type() != TokenType.EOF) {
            Token t = next();
            if (t.isWord("rule")) {
                d.rule = string();
            } else if (t.isWord("reason")) {
                d.reason = string();
            } else {
                fail(t, "expected rule \"id\" or reason \"text\", found " + t.describe(), "");
            }
        }
    }

    private void finish(Draft d, Token at, List<PolicyTestCase> cases) {
        if (d == null || d.broken) {
            return;
        }
        if (d.kind == null) {
            sink.error(at.pos(), "case \"" + d.name + "\" has no call", "as in: call jdbc select customers");
            return;
        }
        if (d.expected == null) {
            sink.error(at.pos(), "case \"" + d.name + "\" has no expect", "as in: expect allow");
            return;
        }
        PolicyTestCase.Context context = new PolicyTestCase.Context(d.agent, d.chainId, d.depth, d.purpose, d.user,
                d.stepId, d.tool, d.hour, d.trust);
        cases.add(new PolicyTestCase(d.name, d.line, context, d.kind, d.accesses, Math.max(1, d.repeat), d.consumeMetric,
                d.consumeAmount, d.expected, d.rule, d.reason));
    }

    private String string() {
        Token t = next();
        if (t.type() != TokenType.STRING) {
            fail(t, "expected a quoted string, found " + t.describe(), t.type() == TokenType.WORD ? "quote it: \"" + t.text() + "\"" : "");
        }
        return t.text();
    }

    private String word() {
        Token t = next();
        if (t.type() != TokenType.WORD && t.type() != TokenType.STRING) {
            fail(t, "expected a word, found " + t.describe(), "");
        }
        return t.text();
    }

    private long whole() {
        Token t = next();
        try {
            if (t.type() == TokenType.NUMBER && !t.text().contains(".")) {
                return Long.parseLong(t.text());
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        fail(t, "expected a whole number, found " + t.describe(), "");
        return 0;
    }

    private double number() {
        Token t = next();
        if (t.type() != TokenType.NUMBER) {
            fail(t, "expected a number, found " + t.describe(), "");
        }
        return Double.parseDouble(t.text());
    }

    private Token peek() {
        return tokens.get(p);
    }

    private Token next() {
        Token t = tokens.get(p);
        if (t.type() != TokenType.EOF) {
            p++;
        }
        return t;
    }

    private boolean accept(TokenType type) {
        if (peek().type() == type) {
            next();
            return true;
        }
        return false;
    }

    private void skipLine() {
        while (peek().type() != TokenType.EOF && !peek().firstOnLine()) {
            next();
        }
    }

    private void fail(Token t, String message, String hint) {
        sink.error(t.pos(), message, hint);
        throw new IllegalArgumentException(message);
    }
}
