package io.mandate.benchmarks.lineage;

import io.mandate.agent.instrumentation.lineage.LineageClaims;
import io.mandate.agent.instrumentation.lineage.LineageCodec;
import io.mandate.agent.instrumentation.lineage.LineageSigner;
import io.mandate.agent.instrumentation.lineage.LineageVerifier;
import io.mandate.agent.instrumentation.lineage.TrustedKeys;
import io.mandate.agent.journal.RunIdentity;
import io.mandate.bootstrap.ChainContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the lineage header costs per request (docs/lineage.md): on the sender, the cached header of a
 * (chain, step) against a fresh signature, which is what caching avoids; on the receiver, a header
 * already verified (its window checked again) against one seen for the first time (signature and
 * certificate checked).
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar LineageHeaderBenchmark</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@State(Scope.Benchmark)
public class LineageHeaderBenchmark {
    private ChainContext step;
    private LineageSigner signer;
    private RunIdentity identity;
    private LineageClaims claims;
    private TrustedKeys trusted;
    private LineageVerifier verifier;
    private String header;

    @Setup
    public void setUp() throws Exception {
        KeyPair operator = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        identity = RunIdentity.create("run-bench", operator.getPrivate());
        signer = new LineageSigner(identity, System::currentTimeMillis, (where, error) -> {
            throw new IllegalStateException(where, error);
        });
        step = ChainContext.root("research-bot", "c-5f2a9c01b3e-1", "answer", "alice")
                .child("research-sub", "c-5f2a9c01b3e-2", "").withStep("s-5f2a9c01b3e-3", "fetch", "digest");
        long now = System.currentTimeMillis();
        claims = new LineageClaims(now, now + LineageSigner.VALIDITY_MILLIS, identity.runId(), identity.publicKey(),
                identity.operatorCertificate(), step.agent(), step.stepId(), List.of("c-5f2a9c01b3e-1", "c-5f2a9c01b3e-2"));
        trusted = TrustedKeys.of(List.of(operator.getPublic()));
        verifier = new LineageVerifier(trusted);
        header = signer.header(step);
    }

    /** The sender, every request of a step after its first: a cache hit. */
    @Benchmark
    public String cachedHeader() {
        return signer.header(step);
    }

    /** The sender without the cache: encode and sign. */
    @Benchmark
    public String freshSignature() {
        byte[] payload = LineageCodec.payload(claims);
        return LineageCodec.header(payload, identity.sign(LineageCodec.DOMAIN, payload));
    }

    /** The receiver, a header it verified before: only the window is checked. */
    @Benchmark
    public LineageVerifier.Verification verifyRemembered() {
        return verifier.verify(header, System.currentTimeMillis());
    }

    /** The receiver, a header seen for the first time: parse, signature, operator certificate, window. */
    @Benchmark
    public LineageVerifier.Verification verifyFirstSight() {
        return new LineageVerifier(trusted).verify(header, System.currentTimeMillis());
    }
}
