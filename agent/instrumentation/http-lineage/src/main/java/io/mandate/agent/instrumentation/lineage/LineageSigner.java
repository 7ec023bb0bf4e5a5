package io.mandate.agent.instrumentation.lineage;

import io.mandate.agent.journal.RunIdentity;
import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.lineage.OutgoingLineage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * Makes the signed lineage header of a chain context, with the run key. An Ed25519 signature costs
 * tens of microseconds, far more than the rest of a request's overhead, so a header is signed once
 * per (chain, step) and reused while more than half of its validity is left: a header is valid for
 * {@link #VALIDITY_MILLIS}, and reused for at most {@link #REUSE_MILLIS} after it was signed.
 *
 * The cache holds at most {@link #MAX_CACHED} headers and starts over when full: chains and steps
 * come and go, and a forgotten entry only costs one signature.
 */
public final class LineageSigner implements OutgoingLineage.Signer {
    public static final long VALIDITY_MILLIS = 60_000;
    public static final long REUSE_MILLIS = VALIDITY_MILLIS / 2;
    static final int MAX_CACHED = 4096;

    private record Signed(String header, long reuseUntilMillis) {
        boolean reusableAt(long now) {
            return now < reuseUntilMillis && now >= reuseUntilMillis - REUSE_MILLIS;
        }
    }

    /** The header a thread was answered last, and for which context object. */
    private static final class LastSigned {
        ChainContext context;
        Signed signed;
    }

    private final RunIdentity identity;
    private final LongSupplier clock;
    private final BiConsumer<String, Throwable> internalErrors;
    private final Map<String, Signed> cache = new ConcurrentHashMap<>();
    /**
     * A step's requests come from one context object: compared by identity first, it answers
     * without building the (chain, step) key and hashing it, a string per request. Per thread, so
     * that threads working for different chains do not evict each other's (or share a cache line).
     */
    private final ThreadLocal<LastSigned> last = ThreadLocal.withInitial(LastSigned::new);

    public LineageSigner(RunIdentity identity, LongSupplier epochMillis, BiConsumer<String, Throwable> internalErrors) {
        this.identity = identity;
        this.clock = epochMillis;
        this.internalErrors = internalErrors;
    }

    @Override
    public String header(ChainContext context) {
        try {
            long now = clock.getAsLong();
            LastSigned recent = last.get();
            if (recent.context == context && recent.signed != null && recent.signed.reusableAt(now)) {
                return recent.signed.header;
            }
            String key = context.chainId() + '\n' + context.stepId();
            Signed signed = cache.get(key);
            if (signed == null || !signed.reusableAt(now)) {
                signed = new Signed(sign(context, now), now + REUSE_MILLIS);
                if (cache.size() >= MAX_CACHED) {
                    cache.clear();
                }
                cache.put(key, signed);
            }
            recent.context = context;
            recent.signed = signed;
            return signed.header;
        } catch (RuntimeException | LinkageError e) {
            internalErrors.accept("lineage.sign", e);
            return null;
        }
    }

    private String sign(ChainContext context, long now) {
        List<String> lineage = new ArrayList<>(context.lineageLength());
        for (int i = 0; i < context.lineageLength(); i++) {
            lineage.add(context.lineage(i));
        }
        LineageClaims claims = new LineageClaims(now, now + VALIDITY_MILLIS, identity.runId(), identity.publicKey(),
                identity.operatorCertificate(), context.agent(), context.stepId(), lineage);
        byte[] payload = LineageCodec.payload(claims);
        return LineageCodec.header(payload, identity.sign(LineageCodec.DOMAIN, payload));
    }
}
