package io.mandate.agent.instrumentation.http.common;

import io.mandate.agent.enforcement.VolumeLimitDenial;
import io.mandate.agent.enforcement.VolumeMeter;
import io.mandate.agent.testing.RecordingEnforcer;
import io.mandate.bootstrap.meter.ByteMeterDispatch;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Response bytes against {@code limit http bytes}, through the real policy library (enforce mode). */
class ResponseByteMeterTest {
    private static final String LIMITED = String.join("\n",
            "policy \"bytes\"",
            "agent \"bot\" {",
            "  allow http GET to \"http://h/**\"",
            "  limit http bytes 100 per agent",
            "}",
            "");

    private final List<String> errors = new ArrayList<>();

    private ResponseByteMeter meter(RecordingEnforcer enforcer) {
        return new ResponseByteMeter(new VolumeMeter(enforcer, (where, e) -> errors.add(where)));
    }

    @Test
    void bytesOverTheLimitFailTheReadWithAnIoExceptionNamingTheRule() {
        RecordingEnforcer enforcer = new RecordingEnforcer(LIMITED);
        ResponseByteMeter meter = meter(enforcer);
        assertTrue(meter.meters());
        assertTrue(meter.meters(ByteMeterDispatch.HTTP_RESPONSE));

        assertNull(meter.charge(ByteMeterDispatch.HTTP_RESPONSE, 60, "http://h/a?token=t0p"));
        Throwable over = meter.charge(ByteMeterDispatch.HTTP_RESPONSE, 60, "http://h/a?token=t0p");

        VolumeLimitDenial denial = assertInstanceOf(VolumeLimitDenial.class, over);
        assertInstanceOf(IOException.class, denial);
        assertEquals("limit:test.mandate:4", denial.ruleId());
        assertEquals("limit http bytes 100 per agent exceeded", denial.reason());
        assertEquals("Mandate stopped http read of http://h/a by rule limit:test.mandate:4: limit http bytes 100 per agent exceeded",
                denial.getMessage());
        assertEquals(1, enforcer.records.size());
        RecordingEnforcer.Recorded recorded = enforcer.records.get(0);
        assertEquals("read", recorded.operation());
        assertEquals("http://h/a", recorded.display(), "the query never reaches the journal");
        assertTrue(recorded.blocked());
        assertEquals(List.of(), errors);
    }

    @Test
    void theJournaledResourceIsTheResponsesUrlWhenTheStreamKnowsIt() throws IOException {
        assertEquals("http://h/kb/a", ResponseByteMeter.display(new URL("http://user:pw@H/kb/./a?x=1").openConnection()));
        assertEquals("https://h/b", ResponseByteMeter.display("https://h:443/b?k=v"));
        assertEquals("(response body)", ResponseByteMeter.display(null));
    }

    @Test
    void withoutABytesLimitNothingIsMetered() {
        ResponseByteMeter meter = meter(new RecordingEnforcer(String.join("\n",
                "policy \"free\"", "agent \"bot\" {", "  allow http GET to \"http://h/**\"",
                "  limit http requests 5 per agent", "}", "")));
        assertFalse(meter.meters());
        assertFalse(meter.meters(ByteMeterDispatch.HTTP_RESPONSE));
        assertNull(meter.charge(ByteMeterDispatch.HTTP_RESPONSE, 1_000_000, null));
    }
}
