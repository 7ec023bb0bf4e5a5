package io.mandate.policy.match;

/** A rule without a resource list, or with {@code *}/{@code **}: every resource of its kind, even "". */
public final class AnyResource implements ResourcePattern {
    private final String text;

    public AnyResource(String text) {
        this.text = text;
    }

    @Override public boolean matches(String resource) { return true; }

    @Override public String indexKey() { return null; }

    @Override public boolean matchesEverything() { return true; }

    @Override public String text() { return text; }
}
