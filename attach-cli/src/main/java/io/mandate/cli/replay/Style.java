package io.mandate.cli.replay;

import java.io.Console;
import java.lang.reflect.Method;

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
        return new Style(!noColorOption && System.getenv("NO_COLOR") == null && stdoutIsTerminal());
    }

    /**
     * Up to JDK 21 a console exists only when stdin and stdout are terminals; from JDK 22 there is
     * always one and {@code Console.isTerminal()} (absent on 17, hence reflection) tells.
     */
    private static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return Boolean.TRUE.equals(isTerminal.invoke(console));
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
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
