package io.mandate.policy;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Test helpers: load a policy that must be valid, and build requests tersely. */
final class Policies {
    private Policies() {
    }

    static CompiledPolicy valid(String text) {
        LoadResult r = PolicyLoader.parse("test.mandate", text);
        assertTrue(r.ok(), r.render());
        return r.policy();
    }

    static LoadResult load(String text) {
        return PolicyLoader.parse("test.mandate", text);
    }

    static Request request(Kind kind, String agent, String operation, String resource) {
        return new Request().reset(kind).agent(agent).access(operation, resource);
    }
}
