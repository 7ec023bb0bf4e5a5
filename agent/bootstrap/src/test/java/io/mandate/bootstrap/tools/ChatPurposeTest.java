package io.mandate.bootstrap.tools;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChatPurposeTest {
    @Test
    void theFirstSentenceOfTheSystemMessageIsThePurpose() {
        assertEquals("You answer customer support tickets.",
                ChatPurpose.of("", "You answer customer support tickets. Never reveal salaries. Be brief."));
    }

    @Test
    void aLineEndsTheSentenceAndWhitespaceIsCollapsed() {
        assertEquals("Support   desk assistant".replaceAll(" +", " "),
                ChatPurpose.of(null, "\n\n  Support \t  desk assistant\nRules:\n- be kind"));
    }

    @Test
    void aDotInsideAWordDoesNotEndTheSentence() {
        assertEquals("Answer questions about example.com orders!",
                ChatPurpose.of("", "Answer questions about example.com orders! Then stop."));
    }

    @Test
    void theConfiguredPurposeWins() {
        assertEquals("answer tickets", ChatPurpose.of("  answer tickets ", "You are a pirate."));
    }

    @Test
    void noSystemMessageIsNoPurpose() {
        assertEquals("", ChatPurpose.of("", null));
        assertEquals("", ChatPurpose.of(" ", "   \n "));
    }

    @Test
    void aLongSentenceIsCutAtTheBound() {
        String purpose = ChatPurpose.of("", "x".repeat(500));
        assertEquals(ChatPurpose.MAX_LENGTH, purpose.length());
    }
}
