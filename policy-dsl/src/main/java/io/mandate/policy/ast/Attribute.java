package io.mandate.policy.ast;

/** What a condition can look at, and its type. */
public enum Attribute {
    TOOL("tool", ValueType.STRING),
    CHAIN_DEPTH("chain.depth", ValueType.NUMBER),
    CHAIN_PURPOSE("chain.purpose", ValueType.STRING),
    USER("user", ValueType.STRING),
    AGENT("agent", ValueType.STRING),
    TIME_HOUR("time.hour", ValueType.NUMBER),
    TRUST("trust", ValueType.NUMBER);

    private final String keyword;
    private final ValueType type;

    Attribute(String keyword, ValueType type) {
        this.keyword = keyword;
        this.type = type;
    }

    public String keyword() {
        return keyword;
    }

    public ValueType type() {
        return type;
    }

    public static Attribute byKeyword(String word) {
        for (Attribute a : values()) {
            if (a.keyword.equals(word)) {
                return a;
            }
        }
        return null;
    }
}
