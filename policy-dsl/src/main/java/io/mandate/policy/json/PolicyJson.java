package io.mandate.policy.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mandate.policy.Kind;
import io.mandate.policy.Verdict;
import io.mandate.policy.ast.AgentBlock;
import io.mandate.policy.ast.Attribute;
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
import io.mandate.policy.ast.ValueType;
import io.mandate.policy.ast.Vocabulary;
import io.mandate.policy.text.DiagnosticSink;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON form of a policy, for tools and for policies that machines generate. It carries
 * exactly what the canonical text carries, so text -> JSON -> text gives the canonical text back.
 * Reading reports every problem with its JSON path and never throws.
 *
 * <pre>
 * {"policy": "support-desk", "default": "deny", "agents": [
 *   {"agent": "support-*", "purpose": "...",
 *    "rules": [{"id": "x", "verdict": "allow", "kind": "jdbc", "operations": ["select"],
 *               "resources": ["customers"], "when": {"attribute": "tool", "in": ["add_note"]},
 *               "reason": "..."}],
 *    "limits": [{"kind": "jdbc", "metric": "rows", "amount": 10000, "unit": "", "per": "chain", "window": "second"}]}]}
 * </pre>
 * Conditions: {@code {"and": [..]}}, {@code {"or": [..]}}, {@code {"not": c}},
 * {@code {"attribute": a, "op": "==", "value": v}}, {@code {"attribute": a, "in": [..]}},
 * {@code {"attribute": a, "matches": "glob"}}; string values are JSON strings, numbers JSON numbers.
 */
public final class PolicyJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build());
    }

    private final DiagnosticSink sink;

    private PolicyJson(DiagnosticSink sink) {
        this.sink = sink;
    }

    // ---- writing

    public static String write(PolicyAst ast) {
        try {
            return MAPPER.writeValueAsString(toJson(ast)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a policy tree always serializes", e);
        }
    }

    public static ObjectNode toJson(PolicyAst ast) {
        ObjectNode root = NODES.objectNode();
        root.put("policy", ast.name());
        root.put("default", lower(ast.defaultVerdict()));
        ArrayNode agents = root.putArray("agents");
        for (AgentBlock block : ast.agents()) {
            ObjectNode b = agents.addObject();
            b.put("agent", block.glob());
            if (!block.purpose().isEmpty()) {
                b.put("purpose", block.purpose());
            }
            ArrayNode rules = b.putArray("rules");
            for (Rule rule : block.rules()) {
                ObjectNode r = rules.addObject();
                if (!rule.explicitId().isEmpty()) {
                    r.put("id", rule.explicitId());
                }
                r.put("verdict", lower(rule.verdict()));
                r.put("kind", rule.kind().keyword());
                rule.operations().forEach(r.putArray("operations")::add);
                if (!rule.resources().isEmpty()) {
                    rule.resources().forEach(r.putArray("resources")::add);
                }
                if (rule.guard() != null) {
                    r.set(rule.guard().unless() ? "unless" : "when", expr(rule.guard().expr()));
                }
                if (!rule.reason().isEmpty()) {
                    r.put("reason", rule.reason());
                }
            }
            ArrayNode limits = b.putArray("limits");
            for (Limit limit : block.limits()) {
                ObjectNode l = limits.addObject();
                l.put("kind", limit.kind().keyword());
                l.put("metric", limit.metric());
                l.put("amount", limit.amount());
                if (!limit.unit().isEmpty()) {
                    l.put("unit", limit.unit());
                }
                l.put("per", limit.scope().keyword());
                if (limit.window() != LimitWindow.NONE) {
                    l.put("window", limit.window().keyword());
                }
            }
        }
        return root;
    }

    private static JsonNode expr(Expr e) {
        ObjectNode o = NODES.objectNode();
        if (e instanceof Expr.And and) {
            and.operands().forEach(x -> o.withArray("and").add(expr(x)));
        } else if (e instanceof Expr.Or or) {
            or.operands().forEach(x -> o.withArray("or").add(expr(x)));
        } else if (e instanceof Expr.Not not) {
            o.set("not", expr(not.operand()));
        } else if (e instanceof Expr.Compare c) {
            o.put("attribute", c.attribute().keyword());
            o.put("op", c.op().symbol());
            o.set("value", value(c.value()));
        } else if (e instanceof Expr.In in) {
            o.put("attribute", in.attribute().keyword());
            ArrayNode values = o.putArray("in");
            in.values().forEach(v -> values.add(value(v)));
        } else if (e instanceof Expr.Matches m) {
            o.put("attribute", m.attribute().keyword());
            o.put("matches", m.glob());
        }
        return o;
    }

    private static JsonNode value(Value v) {
        if (v.type() == ValueType.STRING) {
            return NODES.textNode(v.text());
        }
        return NODES.numberNode(new BigDecimal(v.text()));
    }

    private static String lower(Verdict v) {
        return v.name().toLowerCase(Locale.ROOT);
    }

    // ---- reading

    /** Reads the JSON form; null when it is not usable JSON at all. Every problem goes to {@code sink}. */
    public static PolicyAst read(String json, DiagnosticSink sink) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            Pos pos = at == null ? Pos.NONE : new Pos(Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()));
            sink.error(pos, "not valid JSON: " + e.getOriginalMessage());
            return null;
        }
        if (root == null || !root.isObject()) {
            sink.error(Pos.NONE, "a JSON policy is an object with \"policy\", \"default\" and \"agents\"");
            return null;
        }
        return new PolicyJson(sink).policy(root);
    }

    private PolicyAst policy(JsonNode root) {
        known(root, "", "policy", "default", "agents");
        String name = text(root, "policy", "", true);
        Verdict defaultVerdict = Verdict.DENY;
        String d = text(root, "default", "", false);
        if (d != null && !d.isEmpty()) {
            defaultVerdict = verdict(d, "default");
        }
        List<AgentBlock> blocks = new ArrayList<>();
        JsonNode agents = root.path("agents");
        if (!agents.isMissingNode() && !agents.isArray()) {
            error("agents", "must be an array");
        }
        for (int i = 0; i < agents.size() && agents.isArray(); i++) {
            blocks.add(block(agents.get(i), "agents[" + i + "]"));
        }
        return new PolicyAst(name == null ? "" : name, defaultVerdict == null ? Verdict.DENY : defaultVerdict, blocks, Pos.NONE);
    }

    private AgentBlock block(JsonNode node, String path) {
        known(node, path, "agent", "purpose", "rules", "limits");
        String glob = text(node, "agent", path, true);
        String purpose = text(node, "purpose", path, false);
        List<Rule> rules = new ArrayList<>();
        JsonNode rulesNode = array(node, "rules", path);
        for (int i = 0; i < rulesNode.size(); i++) {
            Rule r = rule(rulesNode.get(i), path + ".rules[" + i + "]");
            if (r != null) {
                rules.add(r);
            }
        }
        List<Limit> limits = new ArrayList<>();
        JsonNode limitsNode = array(node, "limits", path);
        for (int i = 0; i < limitsNode.size(); i++) {
            Limit l = limit(limitsNode.get(i), path + ".limits[" + i + "]");
            if (l != null) {
                limits.add(l);
            }
        }
        return new AgentBlock(glob == null ? "" : glob, purpose, rules, limits, Pos.NONE);
    }

    private Rule rule(JsonNode node, String path) {
        known(node, path, "id", "verdict", "kind", "operations", "resources", "when", "unless", "reason");
        String id = text(node, "id", path, false);
        Verdict verdict = verdict(text(node, "verdict", path, true), path + ".verdict");
        Kind kind = kind(text(node, "kind", path, true), path + ".kind");
        List<String> ops = strings(node, "operations", path);
        List<String> resources = strings(node, "resources", path);
        if (node.has("when") && node.has("unless")) {
            error(path, "a rule has 'when' or 'unless', not both");
        }
        Guard guard = null;
        if (node.has("when")) {
            Expr e = expr(node.get("when"), path + ".when", 0);
            guard = e == null ? null : new Guard(false, e);
        } else if (node.has("unless")) {
            Expr e = expr(node.get("unless"), path + ".unless", 0);
            guard = e == null ? null : new Guard(true, e);
        }
        String reason = text(node, "reason", path, false);
        if (verdict == null || kind == null) {
            return null;
        }
        List<String> normalized = ops.stream().map(op -> Vocabulary.normalizeOperation(kind, op)).toList();
        return new Rule(id, verdict, kind, normalized, resources, guard, reason, Pos.NONE);
    }

    private Limit limit(JsonNode node, String path) {
        known(node, path, "kind", "metric", "amount", "unit", "per", "window");
        Kind kind = kind(text(node, "kind", path, true), path + ".kind");
        String metric = text(node, "metric", path, true);
        JsonNode amount = node.path("amount");
        if (!amount.canConvertToExactIntegral() || !amount.canConvertToLong()) {
            error(path + ".amount", "must be a whole number");
        }
        String unit = text(node, "unit", path, false);
        String per = text(node, "per", path, true);
        LimitScope scope = null;
        for (LimitScope s : LimitScope.values()) {
            if (s.keyword().equals(per)) {
                scope = s;
            }
        }
        if (per != null && scope == null) {
            error(path + ".per", "expected chain, step or agent, found '" + per + "'");
        }
        String w = text(node, "window", path, false);
        LimitWindow window = null;
        for (LimitWindow lw : LimitWindow.values()) {
            if (lw.keyword().equals(w == null ? "" : w)) {
                window = lw;
            }
        }
        if (window == null) {
            error(path + ".window", "expected second, minute or hour, found '" + w + "'");
        }
        if (kind == null || metric == null || scope == null || window == null || !amount.canConvertToLong()) {
            return null;
        }
        return new Limit(kind, metric, amount.asLong(), unit, scope, window, Pos.NONE);
    }

    private Expr expr(JsonNode node, String path, int depth) {
        if (depth > 64) {
            error(path, "condition nested too deeply");
            return null;
        }
        if (node == null || !node.isObject()) {
            error(path, "a condition is an object");
            return null;
        }
        if (node.has("and") || node.has("or")) {
            boolean and = node.has("and");
            JsonNode list = node.get(and ? "and" : "or");
            if (!list.isArray() || list.size() < 2) {
                error(path, "'" + (and ? "and" : "or") + "' takes an array of at least two conditions");
                return null;
            }
            List<Expr> operands = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Expr e = expr(list.get(i), path + "." + (and ? "and" : "or") + "[" + i + "]", depth + 1);
                if (e == null) {
                    return null;
                }
                operands.add(e);
            }
            return and ? new Expr.And(operands, Pos.NONE) : new Expr.Or(operands, Pos.NONE);
        }
        if (node.has("not")) {
            Expr inner = expr(node.get("not"), path + ".not", depth + 1);
            return inner == null ? null : new Expr.Not(inner, Pos.NONE);
        }
        String attrName = text(node, "attribute", path, true);
        if (attrName == null) {
            return null;
        }
        Attribute attribute = Attribute.byKeyword(attrName);
        if (attribute == null) {
            List<String> names = Arrays.stream(Attribute.values()).map(Attribute::keyword).toList();
            error(path + ".attribute", "unknown attribute '" + attrName + "'", Suggestions.didYouMean(attrName, names));
            return null;
        }
        if (node.has("in")) {
            JsonNode list = node.get("in");
            if (!list.isArray()) {
                error(path + ".in", "must be an array");
                return null;
            }
            List<Value> values = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Value v = value(list.get(i), path + ".in[" + i + "]");
                if (v == null) {
                    return null;
                }
                values.add(v);
            }
            return new Expr.In(attribute, values, Pos.NONE);
        }
        if (node.has("matches")) {
            String glob = text(node, "matches", path, true);
            return glob == null ? null : new Expr.Matches(attribute, glob, Pos.NONE);
        }
        String op = text(node, "op", path, true);
        CompareOp compareOp = op == null ? null : CompareOp.bySymbol(op);
        if (op != null && compareOp == null) {
            error(path + ".op", "unknown operator '" + op + "': expected == != < <= > >=");
        }
        Value value = value(node.get("value"), path + ".value");
        return compareOp == null || value == null ? null : new Expr.Compare(attribute, compareOp, value, Pos.NONE);
    }

    private Value value(JsonNode node, String path) {
        if (node != null && node.isTextual()) {
            return Value.string(node.asText(), Pos.NONE);
        }
        if (node != null && node.isNumber()) {
            String text = node.isBigDecimal() ? node.decimalValue().toPlainString() : node.asText();
            return Value.number(text, Pos.NONE);
        }
        error(path, "expected a string or a number");
        return null;
    }

    // ---- field helpers: each reports what is wrong and returns null (or empty)

    private String text(JsonNode node, String field, String path, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                error(join(path, field), "is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            error(join(path, field), "must be a string");
            return null;
        }
        return v.asText();
    }

    private List<String> strings(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            error(join(path, field), "must be an array of strings");
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                error(join(path, field) + "[" + i + "]", "must be a string");
            } else {
                out.add(v.get(i).asText());
            }
        }
        return out;
    }

    private JsonNode array(JsonNode node, String field, String path) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return NODES.arrayNode();
        }
        if (!v.isArray()) {
            error(join(path, field), "must be an array");
            return NODES.arrayNode();
        }
        return v;
    }

    private void known(JsonNode node, String path, String... fields) {
        if (!node.isObject()) {
            error(path.isEmpty() ? "(root)" : path, "must be an object");
            return;
        }
        List<String> allowed = List.of(fields);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            String f = it.next().getKey();
            if (!allowed.contains(f)) {
                error(join(path, f), "unknown field", Suggestions.didYouMean(f, allowed));
            }
        }
    }

    private Verdict verdict(String text, String path) {
        if (text == null) {
            return null;
        }
        for (Verdict v : Verdict.values()) {
            if (lower(v).equals(text)) {
                return v;
            }
        }
        error(path, "expected allow, deny or flag, found '" + text + "'", Suggestions.didYouMean(text, List.of("allow", "deny", "flag")));
        return null;
    }

    private Kind kind(String text, String path) {
        if (text == null) {
            return null;
        }
        Kind k = Vocabulary.kindByKeyword(text);
        if (k == null) {
            error(path, "unknown kind '" + text + "'",
                    Suggestions.didYouMean(text, Arrays.stream(Kind.values()).map(Kind::keyword).toList()));
        }
        return k;
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private void error(String path, String message) {
        error(path, message, "");
    }

    private void error(String path, String message, String hint) {
        sink.error(Pos.NONE, path + ": " + message, hint);
    }
}
