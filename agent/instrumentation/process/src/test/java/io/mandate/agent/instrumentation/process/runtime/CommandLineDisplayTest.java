package io.mandate.agent.instrumentation.process.runtime;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandLineDisplayTest {
    private final CommandLineDisplay display = new CommandLineDisplay();

    @Test
    void optionNamesStayAndEveryValueIsDigested() {
        String shown = display.display(new String[] {"/usr/bin/mysql", "-u", "root", "-pHunter2", "--password=Hunter2",
                "--verbose", "--", "select 1"});
        assertFalse(shown.contains("root") || shown.contains("Hunter2") || shown.contains("select"), shown);
        assertTrue(shown.matches("/usr/bin/mysql -u <arg:[0-9a-f]{12}> <arg:[0-9a-f]{12}> --password=<arg:[0-9a-f]{12}>"
                + " --verbose -- <arg:[0-9a-f]{12}>"), shown);
    }

    @Test
    void equalArgumentsHaveEqualDigestsWithinARunButNotAcrossRuns() {
        String first = display.display(new String[] {"sh", "-c", "echo $TOKEN"});
        assertEquals(first, display.display(new String[] {"sh", "-c", "echo $TOKEN"}));
        assertNotEquals(first, display.display(new String[] {"sh", "-c", "echo $OTHER"}));
        assertNotEquals(first, new CommandLineDisplay().display(new String[] {"sh", "-c", "echo $TOKEN"}));
    }

    @Test
    void longCommandLinesAreCut() {
        String[] many = new String[200];
        java.util.Arrays.fill(many, "-v");
        many[0] = "tool";
        String shown = display.display(many);
        assertTrue(shown.endsWith(" ... (135 more arguments)"), shown);
    }

    @Test
    void onlyLowerCaseLongNamesAndSingleLetterOptionsAreBare() {
        assertTrue(CommandLineDisplay.isBareOption("-x", 0, 2));
        assertTrue(CommandLineDisplay.isBareOption("--dry-run", 0, 9));
        assertFalse(CommandLineDisplay.isBareOption("-xvf", 0, 4));
        assertFalse(CommandLineDisplay.isBareOption("--Token", 0, 7));
        assertFalse(CommandLineDisplay.isBareOption("---", 0, 3));
        assertFalse(CommandLineDisplay.isBareOption("-", 0, 1));
    }
}
