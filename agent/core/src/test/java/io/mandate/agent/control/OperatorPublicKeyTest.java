package io.mandate.agent.control;

import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OperatorPublicKeyTest {
    @Test
    void theDerivedKeyIsTheOperatorsPublicKey() throws Exception {
        for (int i = 0; i < 5; i++) {
            KeyPair operator = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            assertArrayEquals(operator.getPublic().getEncoded(), OperatorPublicKey.of(operator.getPrivate()).getEncoded());
        }
    }

    @Test
    void aKeyOfAnotherAlgorithmIsRefused() throws Exception {
        KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
        assertThrows(IllegalArgumentException.class, () -> OperatorPublicKey.of(ec.getPrivate()));
    }
}
