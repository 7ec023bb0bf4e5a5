package io.mandate.cli.replay;

/**
 * How decisions stand out: ANSI colour on a terminal, plain text otherwise (a pipe, a file,
 * {@code --no-color}, or {@code NO_COLOR} set). The verdict words are there either way, so
 * nothing depends on the colour.
 */
public final class Style {
    private static final String RED_BOLD = "\u001b[1;31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String DIM = "\u001b[2m";
    private static final String RESET = "\u001b[0m";

    private final boolean colour;

    private Style(boolean colour) {
        this.colour = colour;
    }

    public static Style plain() {
        return new Style(false);
    }

    public static Style colour() {
        return new Style(true);
    }

    /** Colour only when stdout is a terminal and the user has not turned it off. */
    public static Style forTerminal(boolean noColorOption) {
        boolean terminal = System.console() != null;
        return new Style(terminal && !noColorOption && System.getenv("NO_COLOR") == null);
    }

    public String deny(String text) {
        return wrap(RED_BOLD, text);
    }

    public String flag(String text) {
        return wrap(YELLOW, text);
    }

    public String dim(String text) {
        return wrap(DIM, text);
    }

    private String wrap(String code, String text) {
        return colour ? code + text + RESET : text;
    }
}
