package io.mandate.policy.ast;

/** A literal in a condition: a string or a number (kept as written so the formatter reproduces it). */
public record Value(ValueType type, String text, Pos pos) {
    public static Value string(String text, Pos pos) {
        return new Value(ValueType.STRING, text, pos);
    }

    public static Value number(String text, Pos pos) {
        return new Value(ValueType.NUMBER, text, pos);
    }

    public double number() {
        return Double.parseDouble(text);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Value v && v.type == type && v.text.equals(text);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + text.hashCode();
    }
}
