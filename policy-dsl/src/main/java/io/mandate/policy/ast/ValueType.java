package io.mandate.policy.ast;

/** The two value types of conditions. */
public enum ValueType {
    STRING, NUMBER;

    public String describe() {
        return this == STRING ? "a string" : "a number";
    }
}
