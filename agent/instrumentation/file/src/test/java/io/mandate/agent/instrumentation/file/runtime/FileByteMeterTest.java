package io.mandate.agent.instrumentation.file.runtime;

import io.mandate.agent.enforcement.VolumeLimitDenial;
import io.mandate.agent.enforcement.VolumeMeter;
import io.mandate.agent.testing.RecordingEnforcer;
import io.mandate.bootstrap.meter.ByteMeterDispatch;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** File bytes against limit file bytes-read / bytes-written, through the real policy library (enforce mode). */
class FileByteMeterTest {
    private static final String LIMITED = String.join("\n",
            "policy \"files\"",
            "agent \"bot\" {",
            "  allow file read, write \"/srv/**\"",
            "  limit file bytes-read 100 per agent",
            "  limit file bytes-written 50 per agent",
            "}",
            "");

    private final List<String> errors = new ArrayList<>();
    private final Object stream = new Object();
    private final Object jvmOwnStream = new Object();

    private FileByteMeter meter(RecordingEnforcer enforcer) {
        return new FileByteMeter(new VolumeMeter(enforcer, (where, e) -> errors.add(where)));
    }

    @Test
    void onlyStreamsADecidedOpenMadeAreCounted() {
        RecordingEnforcer enforcer = new RecordingEnforcer(LIMITED);
        FileByteMeter meter = meter(enforcer);
        assertFalse(meter.meters(ByteMeterDispatch.FILE_READ), "nothing to count until a decided open");
        meter.opened(stream, "/srv/kb/a.txt");
        assertTrue(meter.meters(ByteMeterDispatch.FILE_READ));

        assertNull(meter.charge(ByteMeterDispatch.FILE_READ, 1_000_000, jvmOwnStream), "a stream no decision opened");
        assertNull(meter.charge(ByteMeterDispatch.FILE_READ, 100, stream));
        Throwable over = meter.charge(ByteMeterDispatch.FILE_READ, 1, stream);

        VolumeLimitDenial denial = assertInstanceOf(VolumeLimitDenial.class, over);
        assertEquals("limit:test.mandate:4", denial.ruleId());
        assertEquals("Mandate stopped file read of /srv/kb/a.txt by rule limit:test.mandate:4: "
                + "limit file bytes-read 100 per agent exceeded", denial.getMessage());
        RecordingEnforcer.Recorded recorded = enforcer.records.get(0);
        assertEquals("read", recorded.operation());
        assertEquals("/srv/kb/a.txt", recorded.display());
        assertTrue(recorded.blocked());
        assertEquals(List.of(), errors);
    }

    @Test
    void writesCountTowardTheirOwnLimit() {
        RecordingEnforcer enforcer = new RecordingEnforcer(LIMITED);
        FileByteMeter meter = meter(enforcer);
        meter.opened(stream, "/srv/out/b.txt");
        assertNull(meter.charge(ByteMeterDispatch.FILE_READ, 60, stream));
        assertNull(meter.charge(ByteMeterDispatch.FILE_WRITTEN, 50, stream));
        VolumeLimitDenial denial = assertInstanceOf(VolumeLimitDenial.class,
                meter.charge(ByteMeterDispatch.FILE_WRITTEN, 1, stream));
        assertEquals("limit:test.mandate:5", denial.ruleId());
        assertEquals("write", enforcer.records.get(0).operation());
    }

    @Test
    void withoutByteLimitsNoStreamIsRemembered() {
        FileByteMeter meter = meter(new RecordingEnforcer(String.join("\n",
                "policy \"free\"", "agent \"bot\" {", "  allow file read \"/srv/**\"", "  limit file calls 10 per agent",
                "}", "")));
        meter.opened(stream, "/srv/kb/a.txt");
        assertFalse(meter.meters(ByteMeterDispatch.FILE_READ), "read advice stays one volatile read");
        assertNull(meter.charge(ByteMeterDispatch.FILE_READ, 1_000_000, stream));
    }

    @Test
    void detachForgetsEveryStream() {
        FileByteMeter meter = meter(new RecordingEnforcer(LIMITED));
        meter.opened(stream, "/srv/kb/a.txt");
        meter.forgetAll();
        assertFalse(meter.meters(ByteMeterDispatch.FILE_READ));
        assertNull(meter.charge(ByteMeterDispatch.FILE_READ, 1_000, stream));
    }
}
