package io.mandate.policy.match;

/** A resource pattern that cannot be compiled; {@code offset} is where in the pattern the problem is. */
public final class PatternException extends Exception {
    private final int offset;
    private final String hint;

    public PatternException(String message, int offset, String hint) {
        super(message, null, false, false);
        this.offset = offset;
        this.hint = hint == null ? "" : hint;
    }

    public int offset() {
        return offset;
    }

    public String hint() {
        return hint;
    }
}
