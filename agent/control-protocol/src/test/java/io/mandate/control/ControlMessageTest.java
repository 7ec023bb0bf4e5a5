package io.mandate.control;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ControlMessageTest {
    @Test
    void aFrameDecodesToTheSameFieldsInOrder() {
        ControlMessage message = ControlMessage.builder().put("command", "policy.reload")
                .put("policyText", "policy \"p\"\ndefault deny\n# ünïcode\n").put("targetPid", 42).build();
        ByteBuffer frame = message.encodeFrame();
        int length = frame.getInt();
        assertEquals(frame.remaining(), length);

        ControlMessage decoded = ControlMessage.decodePayload(frame);

        assertEquals(message.fields(), decoded.fields());
        assertEquals(java.util.List.of("command", "policyText", "targetPid"), java.util.List.copyOf(decoded.fields().keySet()));
    }

    @Test
    void damagedPayloadsAreRefusedNotGuessed() {
        ByteBuffer frame = ControlMessage.builder().put("a", "b").build().encodeFrame();
        frame.getInt();
        ByteBuffer cut = frame.slice();
        cut.limit(cut.limit() - 1);
        assertThrows(MalformedMessageException.class, () -> ControlMessage.decodePayload(cut));
        assertThrows(MalformedMessageException.class,
                () -> ControlMessage.decodePayload(ByteBuffer.wrap("HTTP/1.1 200".getBytes(StandardCharsets.US_ASCII))));
        assertThrows(MalformedMessageException.class, () -> ControlMessage.checkedPayloadLength(-1));
        assertThrows(MalformedMessageException.class,
                () -> ControlMessage.checkedPayloadLength(ControlMessage.MAX_PAYLOAD_BYTES + 1));
    }

    @Test
    void aSignatureCoversEveryFieldWhateverTheirOrder() throws Exception {
        KeyPair operator = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        ControlMessage command = ControlMessage.builder().put("command", "restore").put("chain", "c-1")
                .put("nonce", "n1").build();

        ControlMessage signed = CommandSignature.sign(command, operator.getPrivate());
        ControlMessage reordered = ControlMessage.builder().put("nonce", "n1").put("chain", "c-1")
                .put("signature", signed.get("signature")).put("command", "restore").build();

        assertTrue(CommandSignature.verify(signed, operator.getPublic()));
        assertTrue(CommandSignature.verify(reordered, operator.getPublic()));
        assertFalse(CommandSignature.verify(signed.toBuilder().put("chain", "c-2").build(), operator.getPublic()));
        assertFalse(CommandSignature.verify(signed.toBuilder().put("extra", "").build(), operator.getPublic()));
        assertFalse(CommandSignature.verify(command, operator.getPublic()));
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        assertFalse(CommandSignature.verify(signed, other.getPublic()));
    }
}
