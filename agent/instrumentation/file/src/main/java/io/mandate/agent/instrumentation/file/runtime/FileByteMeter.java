package io.mandate.agent.instrumentation.file.runtime;

import io.mandate.agent.enforcement.VolumeLimitDenial;
import io.mandate.agent.enforcement.VolumeMeter;
import io.mandate.bootstrap.meter.ByteMeterDispatch;
import io.mandate.bootstrap.meter.ByteMeterHooks;
import io.mandate.policy.Decision;
import io.mandate.policy.Kind;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Charges the bytes an application reads from and writes to the files it opened to
 * {@code limit file bytes-read} and {@code bytes-written}, through the shared {@link VolumeMeter}.
 *
 * Only streams and channels made by an open the file policy decided and allowed are metered: they
 * are remembered here (weakly, by identity) when they open. So the JVM reading itself (class files,
 * jars, the runtime image), the agent's own files, and streams on descriptors (standard output) are
 * never counted, and advice needs no field in a JDK class to tell them apart. Until the first such
 * stream opens while the policy meters file bytes, read and write advice costs one volatile read.
 * Streams opened before a policy with byte limits was loaded are not metered.
 */
public final class FileByteMeter implements ByteMeterHooks {
    static final String BYTES_READ = "bytes-read";
    static final String BYTES_WRITTEN = "bytes-written";

    private final VolumeMeter meter;
    /** Metered stream or channel → what the journal shows of its file. */
    private final Map<Object, String> opened = Collections.synchronizedMap(new WeakHashMap<>());
    private volatile boolean any;

    public FileByteMeter(VolumeMeter meter) {
        this.meter = meter;
    }

    /** A decided open made {@code stream} on {@code file}: metered from now on when the policy limits file bytes. */
    public void opened(Object stream, String file) {
        if (meter.meters(Kind.FILE, BYTES_READ) || meter.meters(Kind.FILE, BYTES_WRITTEN)) {
            opened.put(stream, file);
            any = true;
        }
    }

    @Override
    public boolean meters(int kind) {
        return any;
    }

    @Override
    public Throwable charge(int kind, long bytes, Object stream) {
        String file = opened.get(stream);
        if (file == null) {
            return null;
        }
        boolean read = kind == ByteMeterDispatch.FILE_READ;
        String operation = read ? "read" : "write";
        Decision over = meter.charge(Kind.FILE, read ? BYTES_READ : BYTES_WRITTEN, bytes, operation, file,
                VolumeMeter.AS_GIVEN);
        return over == null ? null
                : new VolumeLimitDenial(VolumeMeter.message(Kind.FILE, operation, file, over), over.ruleId(), over.reason());
    }

    /** Forgets every stream (detach). */
    public void forgetAll() {
        opened.clear();
        any = false;
    }
}
