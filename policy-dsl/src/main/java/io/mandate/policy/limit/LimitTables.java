package io.mandate.policy.limit;

import io.mandate.policy.ast.LimitScope;

import java.util.concurrent.ConcurrentHashMap;

/** Every limit's table, by limit identity. */
public final class LimitTables {
    private final ConcurrentHashMap<String, LimitTable> tables = new ConcurrentHashMap<>();

    public LimitTable table(String identity, LimitScope scope, long windowNanos) {
        LimitTable t = tables.get(identity);
        if (t != null) {
            return t;
        }
        return tables.computeIfAbsent(identity, k -> new LimitTable(scope, windowNanos));
    }

    public void chainClosed(String chainId) {
        for (LimitTable t : tables.values()) {
            t.chainClosed(chainId);
        }
    }
}
