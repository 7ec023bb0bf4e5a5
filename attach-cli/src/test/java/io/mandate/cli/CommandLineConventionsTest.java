package io.mandate.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mandate.cli.journal.JournalFixture;
import picocli.CommandLine;

/**
 * The conventions every command keeps (docs/cli.md, "Exit codes"): {@code --help} on every command
 * and subcommand; a bad option prints the usage and exits 2; a journal directory that is missing or
 * is not a journal is one line and exit 2, never a stack trace; verify's exits 0 and 1.
 */
class CommandLineConventionsTest {
    record Run(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = MandateCli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** Every command path: "policy check", "replay", ... */
    static List<List<String>> commandPaths() {
        List<List<String>> paths = new ArrayList<>();
        collect(MandateCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())),
                new ArrayList<>(), paths);
        return paths;
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
        for (CommandLine sub : command.getSubcommands().values()) {
            List<String> subPath = new ArrayList<>(path);
            subPath.add(sub.getCommandName());
            if (!paths.contains(subPath)) {
                paths.add(subPath);
                collect(sub, subPath, paths);
            }
        }
    }

    @Test
    void everyCommandHasHelp() {
        List<List<String>> paths = commandPaths();
        assertTrue(paths.size() >= 12, paths::toString);
        for (List<String> path : paths) {
            Run help = run(Stream.concat(path.stream(), Stream.of("--help")).toArray(String[]::new));
            assertAll(String.join(" ", path),
                    () -> assertEquals(0, help.exit()),
                    () -> assertTrue(help.out().startsWith("Usage: mandate " + String.join(" ", path)), help.out()),
                    () -> assertEquals("", help.err()));
        }
    }

    @Test
    void anUnknownOptionPrintsTheUsageAndExits2OnEveryCommand() {
        for (List<String> path : commandPaths()) {
            Run bad = run(Stream.concat(path.stream(), Stream.of("--no-such-option")).toArray(String[]::new));
            assertAll(String.join(" ", path),
                    () -> assertEquals(2, bad.exit()),
                    // picocli names the first problem: the unknown option, or a missing required parameter
                    () -> assertTrue(bad.err().contains("Unknown option: '--no-such-option'")
                            || bad.err().startsWith("Missing required"), bad.err()),
                    () -> assertTrue(bad.err().contains("Usage: mandate"), bad.err()),
                    () -> assertFalse(bad.err().contains("\tat "), bad.err()));
        }
    }

    @Test
    void aMissingOrNonJournalDirectoryIsOneLineAndExit2ForEveryJournalCommand(@TempDir Path dir) throws IOException {
        Path notes = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(notes.resolve("notes.txt"), "not a journal");
        for (String[] command : List.of(new String[] {"replay"}, new String[] {"verify"},
                new String[] {"suggest-policy", "--agent", "bot"})) {
            for (Path target : List.of(dir.resolve("nowhere"), notes)) {
                List<String> args = new ArrayList<>(List.of(command));
                args.add(1, target.toString());
                Run out = run(args.toArray(String[]::new));
                assertAll(args.toString(),
                        () -> assertEquals(2, out.exit()),
                        () -> assertEquals(1, out.errLines().size(), out.err()),
                        () -> assertTrue(out.err().startsWith("mandate: "), out.err()),
                        () -> assertTrue(out.err().contains(target.toString()), out.err()),
                        () -> assertEquals("", out.out()));
            }
        }
    }

    @Test
    void verifyExits0OnAnUntouchedJournalAnd1AtTheChangedEventWithItsIndexAndTime(@TempDir Path dir) throws IOException {
        Path journal = dir.resolve("journal");
        try (JournalFixture j = JournalFixture.create(journal)) {
            j.chain("bot", "c-1", "", "c-1", 1, "", "");
            for (int i = 0; i < 5; i++) {
                j.allow(i, "jdbc", "SELECT name FROM customers WHERE id = " + i, "select customers");
            }
        }
        Run ok = run("verify", journal.toString());
        assertEquals(0, ok.exit(), ok.out());
        assertTrue(ok.out().startsWith("OK\n"), ok.out());

        Path cycleFile;
        try (Stream<Path> files = Files.list(journal)) {
            cycleFile = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(cycleFile);
        byte[] needle = "WHERE id = 3".getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(bytes, needle);
        assertTrue(at > 0, "the fourth call's SQL is in the file");
        bytes[at + needle.length - 1] = '7';
        Files.write(cycleFile, bytes);

        Run tampered = run("verify", journal.toString());
        assertEquals(1, tampered.exit(), tampered.out());
        assertTrue(tampered.out().startsWith("TAMPERED CHANGED at index "), tampered.out());
        assertTrue(tampered.out().contains("time 2026-11-25T10:00:03Z"), "the changed call's time: " + tampered.out());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
