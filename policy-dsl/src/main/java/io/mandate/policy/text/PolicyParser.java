package io.mandate.policy.text;

import io.mandate.policy.Kind;
import io.mandate.policy.Verdict;
import io.mandate.policy.ast.AgentBlock;
import io.mandate.policy.ast.Attribute;
import io.mandate.policy.ast.ByteUnit;
import io.mandate.policy.ast.CompareOp;
import io.mandate.policy.ast.Expr;
import io.mandate.policy.ast.Guard;
import io.mandate.policy.ast.Limit;
import io.mandate.policy.ast.LimitScope;
import io.mandate.policy.ast.LimitWindow;
import io.mandate.policy.ast.PolicyAst;
import io.mandate.policy.ast.Pos;
import io.mandate.policy.ast.Rule;
import io.mandate.policy.ast.Suggestions;
import io.mandate.policy.ast.Value;
import io.mandate.policy.ast.Vocabulary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Recursive-descent parser of the text form. Syntax only: meaning (operations, metrics, types,
 * patterns) is checked afterwards on the AST so that the JSON form is checked the same way.
 * On an error it reports, skips to the next statement and goes on, so every error of a file is
 * reported in one run. Never throws on any input.
 */
public final class PolicyParser {
    private static final List<String> TOP_LEVEL = List.of("policy", "default", "agent");
    private static final List<String> BLOCK_ITEMS = List.of("allow", "deny", "flag", "limit", "purpose");
    private static final List<String> VERDICTS = List.of("allow", "deny", "flag");
    private static final List<String> KINDS = Arrays.stream(Kind.values()).map(Kind::keyword).toList();
    private static final List<String> SCOPES_AND_WINDOWS = List.of("chain", "step", "agent", "second", "minute", "hour");
    /** Deep nesting is no policy anyone writes; the bound keeps hostile input from exhausting the stack. */
    private static final int MAX_DEPTH = 64;

    private final List<Token> tokens;
    private final DiagnosticSink sink;
    private int p;
    private int depth;
    /** Index of the first token of the rule or limit being parsed, or -1 between statements. */
    private int statementStart = -1;

    private PolicyParser(List<Token> tokens, DiagnosticSink sink) {
        this.tokens = tokens;
        this.sink = sink;
    }

    /** Parses the text; the AST is as complete as the errors allow, and every error is in {@code sink}. */
    public static PolicyAst parse(String text, DiagnosticSink sink) {
        return new PolicyParser(new Lexer(text, sink).tokenize(), sink).policy();
    }

    private PolicyAst policy() {
        Token start = peek();
        String name = "";
        if (start.isWord("policy")) {
            next();
            try {
                name = expectString("the policy name, as in policy \"support-desk\"");
            } catch (SyntaxError e) {
                skipTo(true);
            }
        } else {
            sink.error(start.pos(), "a policy starts with 'policy \"name\"', found " + start.describe(),
                    start.type() == TokenType.WORD ? Suggestions.didYouMean(start.text(), List.of("policy")) : "");
        }
        Verdict defaultVerdict = Verdict.DENY;
        List<AgentBlock> blocks = new ArrayList<>();
        boolean defaultSeen = false;
        while (peek().type() != TokenType.EOF) {
            Token t = peek();
            if (t.isWord("default") && !defaultSeen && blocks.isEmpty()) {
                next();
                defaultSeen = true;
                Verdict v = verdict(next());
                if (v != null) {
                    defaultVerdict = v;
                }
            } else if (t.isWord("agent")) {
                blocks.add(agentBlock());
            } else {
                String why = t.isWord("default") ? "'default' must come once, before the agent blocks"
                        : t.isWord("policy") ? "a file holds one policy" : "expected 'agent \"glob\" {', found " + t.describe();
                sink.error(t.pos(), why, t.type() == TokenType.WORD ? Suggestions.didYouMean(t.text(), TOP_LEVEL) : "");
                next();
                skipTo(true);
            }
        }
        return new PolicyAst(name, defaultVerdict, blocks, start.pos());
    }

    private Kind kind(Token t) {
        Kind kind = t.type() == TokenType.WORD ? Vocabulary.kindByKeyword(t.text()) : null;
        if (kind == null) {
            fail(t, "unknown kind " + t.describe() + ": expected jdbc, http, net, file or process",
                    t.type() == TokenType.WORD ? Suggestions.didYouMean(t.text(), KINDS) : "");
        }
        return kind;
    }

    private Verdict verdict(Token t) {
        if (t.type() == TokenType.WORD && VERDICTS.contains(t.text())) {
            return Verdict.valueOf(t.text().toUpperCase(Locale.ROOT));
        }
        sink.error(t.pos(), "expected allow, deny or flag, found " + t.describe(),
                t.type() == TokenType.WORD ? Suggestions.didYouMean(t.text(), VERDICTS) : "");
        return null;
    }

    private AgentBlock agentBlock() {
        Token agentWord = next();
        String glob;
        try {
            glob = expectString("the agent glob, as in agent \"support-*\"");
        } catch (SyntaxError e) {
            glob = "";
        }
        List<Rule> rules = new ArrayList<>();
        List<Limit> limits = new ArrayList<>();
        String purpose = "";
        if (peek().type() != TokenType.LBRACE) {
            sink.error(peek().pos(), "expected '{' after the agent glob, found " + peek().describe());
            skipTo(true);
            return new AgentBlock(glob, purpose, rules, limits, agentWord.pos());
        }
        next();
        while (true) {
            Token t = peek();
            if (t.type() == TokenType.RBRACE) {
                next();
                break;
            }
            if (t.type() == TokenType.EOF) {
                sink.error(t.pos(), "missing '}' to close the agent block of line " + agentWord.line());
                break;
            }
            if (t.isWord("agent") && t.firstOnLine()) {
                sink.error(t.pos(), "missing '}' to close the agent block of line " + agentWord.line());
                break;
            }
            int before = p;
            try {
                if (t.isWord("purpose")) {
                    next();
                    purpose = expectString("the purpose, as in purpose \"answer support tickets\"");
                } else if (t.type() == TokenType.AT || (t.type() == TokenType.WORD && VERDICTS.contains(t.text()))) {
                    rules.add(rule());
                } else if (t.isWord("limit")) {
                    limits.add(limit());
                } else {
                    fail(t, "expected a rule (allow, deny, flag), a limit or purpose, found " + t.describe(),
                            t.type() == TokenType.WORD ? Suggestions.didYouMean(t.text(), BLOCK_ITEMS) : "");
                }
            } catch (SyntaxError e) {
                if (p == before) {
                    next();
                }
                skipTo(false);
            }
        }
        return new AgentBlock(glob, purpose, rules, limits, agentWord.pos());
    }

    private Rule rule() {
        statementStart = p;
        try {
            return ruleBody();
        } finally {
            statementStart = -1;
        }
    }

    private Rule ruleBody() {
        Pos pos = peek().pos();
        String id = "";
        if (peek().type() == TokenType.AT) {
            next();
            Token word = next();
            if (!word.isWord("id")) {
                fail(word, "expected @id(\"...\"), found " + word.describe(), "");
            }
            expect(TokenType.LPAREN, "'(' after @id");
            id = expectString("the rule id");
            expect(TokenType.RPAREN, "')' after the rule id");
        }
        Token verdictToken = next();
        Verdict verdict = verdict(verdictToken);
        if (verdict == null) {
            throw new SyntaxError();
        }
        if (id.isEmpty()) {
            pos = verdictToken.pos();
        }
        Kind kind = kind(next());
        List<String> ops = new ArrayList<>();
        List<Pos> opPositions = new ArrayList<>();
        do {
            Token op = peek();
            if (opPositions.isEmpty() && op.firstOnLine()) {
                fail(op, "expected a " + kind.keyword() + " operation, found " + op.describe(), "");
            }
            next();
            if (op.type() != TokenType.WORD) {
                fail(op, "expected a " + kind.keyword() + " operation, found " + op.describe(), "");
            }
            ops.add(Vocabulary.normalizeOperation(kind, op.text()));
            opPositions.add(op.pos());
        } while (accept(TokenType.COMMA));

        List<String> resources = new ArrayList<>();
        List<Pos> resourcePositions = new ArrayList<>();
        String keyword = Vocabulary.resourceKeyword(kind);
        boolean hasList = keyword.isEmpty() ? peek().type() == TokenType.STRING : peek().isWord(keyword);
        if (!keyword.isEmpty() && !hasList && peek().type() == TokenType.STRING) {
            fail(peek(), "expected '" + keyword + "' before " + peek().describe(), "write " + kind.keyword() + " ... " + keyword + " \"...\"");
        }
        if (hasList) {
            if (!keyword.isEmpty()) {
                next();
            }
            do {
                Token r = peek();
                if (r.firstOnLine() && startsStatement(r)) {
                    fail(r, "expected " + (kind == Kind.JDBC ? "a table name" : "a quoted pattern") + ", found " + r.describe(), "");
                }
                next();
                boolean ok = r.type() == TokenType.STRING || (kind == Kind.JDBC && r.type() == TokenType.WORD);
                if (!ok) {
                    fail(r, "expected " + (kind == Kind.JDBC ? "a table name" : "a quoted pattern") + ", found " + r.describe(),
                            kind != Kind.JDBC && r.type() == TokenType.WORD ? "quote it: \"" + r.text() + "\"" : "");
                }
                resources.add(r.text());
                resourcePositions.add(r.type() == TokenType.STRING ? new Pos(r.line(), r.column() + 1) : r.pos());
            } while (accept(TokenType.COMMA));
        }

        Guard guard = null;
        String reason = "";
        boolean reasonSeen = false;
        while (true) {
            Token t = peek();
            if ((t.isWord("when") || t.isWord("unless")) && guard == null) {
                next();
                guard = new Guard(t.text().equals("unless"), expr());
            } else if (t.isWord("reason") && !reasonSeen) {
                next();
                reason = expectString("the reason text");
                reasonSeen = true;
            } else {
                break;
            }
        }
        Token end = peek();
        if (!end.firstOnLine() && end.type() != TokenType.RBRACE && end.type() != TokenType.EOF) {
            String hint = end.type() == TokenType.WORD ? Suggestions.didYouMean(end.text(), List.of("when", "unless", "reason", keyword.isEmpty() ? "when" : keyword)) : "";
            fail(end, "unexpected " + end.describe() + " after the rule", hint.isEmpty() && end.type() == TokenType.WORD && !resources.isEmpty() ? "separate names with ','" : hint);
        }
        return new Rule(id, verdict, kind, ops, resources, guard, reason, pos, opPositions, resourcePositions);
    }

    private Limit limit() {
        statementStart = p;
        try {
            return limitBody();
        } finally {
            statementStart = -1;
        }
    }

    private Limit limitBody() {
        Token limitWord = next();
        Kind kind = kind(next());
        Token metric = next();
        if (metric.type() != TokenType.WORD) {
            fail(metric, "expected a metric such as rows or calls, found " + metric.describe(), "");
        }
        Token number = next();
        if (number.type() != TokenType.NUMBER || number.text().contains(".")) {
            fail(number, "expected a whole number, found " + number.describe(), "");
        }
        long amount;
        try {
            amount = Long.parseLong(number.text());
        } catch (NumberFormatException e) {
            fail(number, "number too large: " + number.text(), "");
            return null;
        }
        String unit = "";
        if (peek().type() == TokenType.WORD && !peek().isWord("per") && !peek().firstOnLine()) {
            Token u = next();
            if (!ByteUnit.known(u.text())) {
                fail(u, "unknown unit '" + u.text() + "'", Suggestions.didYouMean(u.text(), ByteUnit.NAMES));
            }
            unit = canonicalUnit(u.text());
        }
        LimitScope scope = null;
        LimitWindow window = LimitWindow.NONE;
        while (peek().isWord("per")) {
            next();
            Token w = next();
            String word = w.type() == TokenType.WORD ? w.text() : "";
            switch (word) {
                case "chain": case "step": case "agent":
                    if (scope != null) {
                        fail(w, "the limit already counts per " + scope.keyword(), "");
                    }
                    scope = LimitScope.valueOf(word.toUpperCase(Locale.ROOT));
                    break;
                case "second": case "minute": case "hour":
                    if (window != LimitWindow.NONE) {
                        fail(w, "the limit already has a window: per " + window.keyword(), "");
                    }
                    window = LimitWindow.valueOf(word.toUpperCase(Locale.ROOT));
                    break;
                default:
                    fail(w, "expected chain, step, agent, second, minute or hour after 'per', found " + w.describe(),
                            Suggestions.didYouMean(word, SCOPES_AND_WINDOWS));
            }
        }
        if (scope == null) {
            fail(peek().firstOnLine() || peek().type() == TokenType.EOF ? limitWord : peek(),
                    "the limit needs a scope: per chain, per step or per agent", "as in: limit jdbc rows 10000 per chain");
        }
        Token end = peek();
        if (!end.firstOnLine() && end.type() != TokenType.RBRACE && end.type() != TokenType.EOF) {
            fail(end, "unexpected " + end.describe() + " after the limit", "");
        }
        return new Limit(kind, metric.text(), amount, unit, scope, window, limitWord.pos());
    }

    private static String canonicalUnit(String unit) {
        for (String known : ByteUnit.NAMES) {
            if (known.equalsIgnoreCase(unit)) {
                return known;
            }
        }
        return unit;
    }

    // ---- conditions: or < and < not < comparison

    private Expr expr() {
        depth++;
        try {
            if (depth > MAX_DEPTH) {
                fail(peek(), "condition nested too deeply", "");
            }
            Pos pos = peek().pos();
            List<Expr> operands = new ArrayList<>();
            operands.add(and());
            while (peek().isWord("or")) {
                next();
                operands.add(and());
            }
            return operands.size() == 1 ? operands.get(0) : new Expr.Or(operands, pos);
        } finally {
            depth--;
        }
    }

    private Expr and() {
        Pos pos = peek().pos();
        List<Expr> operands = new ArrayList<>();
        operands.add(unary());
        while (peek().isWord("and")) {
            next();
            operands.add(unary());
        }
        return operands.size() == 1 ? operands.get(0) : new Expr.And(operands, pos);
    }

    private Expr unary() {
        Token t = peek();
        if (t.isWord("not")) {
            next();
            depth++;
            try {
                if (depth > MAX_DEPTH) {
                    fail(t, "condition nested too deeply", "");
                }
                return new Expr.Not(unary(), t.pos());
            } finally {
                depth--;
            }
        }
        if (t.type() == TokenType.LPAREN) {
            next();
            Expr inner = expr();
            expect(TokenType.RPAREN, "')' to close the '(' at " + t.line() + ":" + t.column());
            return inner;
        }
        return comparison();
    }

    private Expr comparison() {
        Token attrToken = next();
        Attribute attribute = attrToken.type() == TokenType.WORD ? Attribute.byKeyword(attrToken.text()) : null;
        if (attribute == null) {
            List<String> names = Arrays.stream(Attribute.values()).map(Attribute::keyword).toList();
            fail(attrToken, "unknown attribute " + attrToken.describe() + ": expected " + String.join(", ", names),
                    attrToken.type() == TokenType.WORD ? Suggestions.didYouMean(attrToken.text(), names) : "");
        }
        Token op = next();
        if (op.isWord("in")) {
            return new Expr.In(attribute, valueList(), attrToken.pos());
        }
        if (op.isWord("not") && peek().isWord("in")) {
            next();
            return new Expr.Not(new Expr.In(attribute, valueList(), attrToken.pos()), attrToken.pos());
        }
        if (op.isWord("matches")) {
            String glob = expectString("a quoted glob after 'matches'");
            return new Expr.Matches(attribute, glob, attrToken.pos());
        }
        CompareOp compareOp = op.type() == TokenType.OPERATOR ? CompareOp.bySymbol(op.text()) : null;
        if (compareOp == null) {
            fail(op, "expected an operator (== != < <= > >= in matches), found " + op.describe(),
                    op.type() == TokenType.WORD ? Suggestions.didYouMean(op.text(), List.of("in", "matches", "and", "or")) : "");
        }
        return new Expr.Compare(attribute, compareOp, value(), attrToken.pos());
    }

    private List<Value> valueList() {
        expect(TokenType.LBRACKET, "'[' to open the list");
        List<Value> values = new ArrayList<>();
        if (peek().type() != TokenType.RBRACKET) {
            do {
                values.add(value());
            } while (accept(TokenType.COMMA));
        }
        expect(TokenType.RBRACKET, "']' to close the list");
        return values;
    }

    private Value value() {
        Token t = next();
        if (t.type() == TokenType.STRING) {
            return Value.string(t.text(), t.pos());
        }
        if (t.type() == TokenType.NUMBER) {
            return Value.number(t.text(), t.pos());
        }
        fail(t, "expected a quoted string or a number, found " + t.describe(),
                t.type() == TokenType.WORD ? "quote it: \"" + t.text() + "\"" : "");
        return null;
    }

    // ---- token plumbing

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

    private void expect(TokenType type, String what) {
        Token t = peek();
        if (t.type() != type) {
            fail(t, "expected " + what + ", found " + t.describe(), "");
        }
        next();
    }

    private String expectString(String what) {
        Token t = peek();
        if (t.type() != TokenType.STRING) {
            fail(t, "expected " + what + ", found " + t.describe(),
                    t.type() == TokenType.WORD ? "quote it: \"" + t.text() + "\"" : "");
        }
        next();
        return t.text();
    }

    /**
     * Reports and unwinds the statement. When what is missing belongs at the end of a line (the
     * token found is already on the next line), the error points there, not at the next statement.
     */
    private void fail(Token at, String message, String hint) {
        int index = tokens.get(p) == at ? p : p - 1;
        Token previous = index > 0 ? tokens.get(index - 1) : null;
        if (statementStart >= 0 && index > statementStart && previous != null && at.line() > previous.line()) {
            sink.error(new Pos(previous.line(), previous.endColumn()),
                    message.replace("found " + at.describe(), "found the end of the line"), hint);
        } else {
            sink.error(at.pos(), message, hint);
        }
        throw new SyntaxError();
    }

    private static boolean startsStatement(Token t) {
        return t.type() == TokenType.AT || t.type() == TokenType.RBRACE
                || (t.type() == TokenType.WORD && (t.text().equals("agent") || BLOCK_ITEMS.contains(t.text())));
    }

    /**
     * Skips to where parsing can resume: a statement keyword that begins a line, a closing brace
     * (inside a block) or the end. At top level only 'agent' resumes.
     */
    private void skipTo(boolean topLevel) {
        while (true) {
            Token t = peek();
            if (t.type() == TokenType.EOF) {
                return;
            }
            if (t.firstOnLine() && t.type() == TokenType.WORD
                    && (t.text().equals("agent") || (!topLevel && BLOCK_ITEMS.contains(t.text())))) {
                return;
            }
            if (t.firstOnLine() && !topLevel && t.type() == TokenType.AT) {
                return;
            }
            if (!topLevel && t.type() == TokenType.RBRACE) {
                return;
            }
            next();
        }
    }

    /** Unwinds one statement after its error was reported. */
    private static final class SyntaxError extends RuntimeException {
        SyntaxError() {
            super(null, null, false, false);
        }
    }
}
