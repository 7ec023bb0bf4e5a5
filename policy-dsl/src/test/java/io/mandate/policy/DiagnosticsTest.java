package io.mandate.policy;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiagnosticsTest {
    private static List<Diagnostic> errors(LoadResult r) {
        return r.diagnostics().stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
    }

    private static List<Diagnostic> warnings(LoadResult r) {
        return r.diagnostics().stream().filter(d -> d.severity() == Diagnostic.Severity.WARNING).toList();
    }

    @Test
    void unknownOperationIsReportedAtItsColumnWithCaretAndHint() {
        LoadResult r = Policies.load("policy \"p\"\nagent \"*\" {\n  allow jdbc selct on customers\n}\n");
        assertFalse(r.ok());
        Diagnostic d = errors(r).get(0);
        assertEquals(3, d.line());
        assertEquals(14, d.column());
        assertEquals("unknown jdbc operation 'selct'", d.message());
        assertEquals("did you mean 'select'?", d.hint());
        assertEquals("test.mandate:3:14: error: unknown jdbc operation 'selct'\n"
                + "    allow jdbc selct on customers\n"
                + "               ^\n"
                + "  hint: did you mean 'select'?\n", r.render());
    }

    @Test
    void everyErrorOfTheFileIsReported() {
        String text = String.join("\n",
                "policy \"p\"",
                "agent \"*\" {",
                "  alow jdbc select on a",                        // 3: unknown statement
                "  allow jdbc selct on a",                        // 4: unknown op
                "  allow http GET to \"ftp//nohost\"",            // 5: bad URL
                "  allow jdbc select on a when tool > 3",         // 6: type error
                "  allow jdbc select on a when chain.depth == \"x\"", // 7: type error
                "  limit jdbc rowz 10 per chain",                 // 8: unknown metric
                "  limit jdbc rows 10",                           // 9: no scope
                "  allow htp GET to \"https://x/\"",              // 10: unknown kind
                "  deny file delete \"relative/path\"",           // 11: not absolute
                "}", "");
        LoadResult r = Policies.load(text);
        List<Integer> lines = errors(r).stream().map(Diagnostic::line).toList();
        assertEquals(List.of(3, 4, 5, 6, 7, 8, 9, 10, 11), lines, r.render());
        assertEquals("did you mean 'allow'?", errors(r).get(0).hint());
        assertEquals("did you mean 'rows'?", errors(r).get(5).hint());
        assertEquals("did you mean 'http'?", errors(r).get(7).hint());
        assertTrue(errors(r).get(3).message().contains("compares numbers"), r.render());
        assertTrue(errors(r).get(4).message().contains("chain.depth is a number"), r.render());
    }

    @Test
    void syntaxErrorsRecoverAtTheNextStatement() {
        LoadResult r = Policies.load("policy \"p\"\nagent \"*\" {\n  allow jdbc select on a b c\n  allow jdbc select on\n  deny jdbc * on x reason\n  allow jdbc select on ok\n}\n");
        assertEquals(List.of(3, 4, 5), errors(r).stream().map(Diagnostic::line).toList(), r.render());
        Diagnostic missingTable = errors(r).get(1);
        assertEquals(23, missingTable.column(), r.render());
        assertEquals("expected a table name, found the end of the line", missingTable.message());
    }

    @Test
    void unterminatedStringAndMissingBraceArePositioned() {
        LoadResult r = Policies.load("policy \"p\nagent \"*\" {\n  allow jdbc select on a\n");
        assertFalse(r.ok());
        assertEquals(1, errors(r).get(0).line());
        assertEquals(8, errors(r).get(0).column());
        assertTrue(r.render().contains("missing '}'"), r.render());
    }

    @Test
    void missingHeaderIsAnError() {
        LoadResult r = Policies.load("agent \"*\" { allow jdbc select on a }");
        assertFalse(r.ok());
        assertTrue(errors(r).get(0).message().startsWith("a policy starts with"), r.render());
    }

    @Test
    void duplicateExplicitIdsAreErrors() {
        LoadResult r = Policies.load("policy \"p\"\nagent \"*\" {\n  @id(\"x\") allow jdbc select on a\n  @id(\"x\") allow jdbc select on b\n}\n");
        assertEquals(4, errors(r).get(0).line(), r.render());
    }

    @Test
    void unreadableFileIsADiagnostic() {
        LoadResult r = PolicyLoader.load(Path.of("/nonexistent/dir/p.mandate"));
        assertFalse(r.ok());
        assertEquals("p.mandate", r.diagnostics().get(0).source());
        assertTrue(r.render().startsWith("p.mandate:1:1: error: cannot read policy file"), r.render());
    }

    @Test
    void warnsAboutRulesThatCanNeverFire() {
        LoadResult r = Policies.load(String.join("\n",
                "policy \"p\"",
                "agent \"*\" {",
                "  deny jdbc * on salaries",
                "}",
                "agent \"bot-*\" {",
                "  allow jdbc select on hr.salaries",                // 6: shadowed by the deny of agent *
                "  allow jdbc select on a",
                "  allow jdbc select on a reason \"again\"",          // 8: duplicate
                "  flag http GET to \"https://x.example/**\"",
                "  allow http GET to \"https://x.example/a\"",        // 10: shadowed by the flag
                "  allow jdbc select on b when agent == \"other\"",   // 11: block never matches 'other'
                "  allow jdbc select on c when tool == \"t\"",         // fine
                "}",
                "agent \"empty\" {",                                   // 14: matches nothing
                "}", ""));
        assertTrue(r.ok(), r.render());
        assertEquals(List.of(6, 8, 10, 11, 14), warnings(r).stream().map(Diagnostic::line).toList(), r.render());
        assertTrue(warnings(r).get(0).message().contains("the deny at line 3"), r.render());
        assertTrue(warnings(r).get(1).message().startsWith("duplicate"), r.render());
        assertTrue(r.render().contains("warning: "), r.render());
    }

    @Test
    void conditionalDenyShadowsNothing() {
        LoadResult r = Policies.load("policy \"p\"\nagent \"*\" {\n  deny jdbc * on s when tool == \"x\"\n  allow jdbc select on s\n}\n");
        assertTrue(warnings(r).isEmpty(), r.render());
    }

    @Test
    void parserNeverThrowsOnDeepNesting() {
        String deep = "(".repeat(5000) + "tool == \"x\"" + ")".repeat(5000);
        LoadResult r = Policies.load("policy \"p\"\nagent \"*\" {\n  allow jdbc select on a when " + deep + "\n}\n");
        assertFalse(r.ok());
        assertTrue(r.render().contains("nested too deeply"), r.render().substring(0, 200));
    }
}
