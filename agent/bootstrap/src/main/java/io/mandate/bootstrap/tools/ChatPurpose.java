package io.mandate.bootstrap.tools;

/**
 * The purpose of a chain a chat call opens, read from the conversation's system message: its first
 * sentence (or line), whitespace collapsed, at most {@link #MAX_LENGTH} characters. A system
 * message is the operator's statement of what the agent is for; the first sentence is where that
 * statement usually is, and the rest (formatting rules, examples) would only make the journal
 * longer. A configured purpose, when there is one, wins over it.
 */
public final class ChatPurpose {
    static final int MAX_LENGTH = 160;

    private ChatPurpose() {
    }

    /** {@code configured} when not empty, else the system message's first sentence, else "". */
    public static String of(String configured, String systemMessage) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        return firstSentence(systemMessage);
    }

    static String firstSentence(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH));
        boolean pendingSpace = false;
        for (int i = 0; i < text.length() && out.length() < MAX_LENGTH; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                if (out.length() > 0) {
                    break; // a line of its own is a sentence of its own
                }
                continue;
            }
            if (Character.isWhitespace(c)) {
                pendingSpace = out.length() > 0;
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.append(c);
            if ((c == '.' || c == '!' || c == '?') && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)))) {
                break;
            }
        }
        return out.toString();
    }
}
