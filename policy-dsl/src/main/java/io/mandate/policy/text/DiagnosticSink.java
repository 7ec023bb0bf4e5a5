package io.mandate.policy.text;

import io.mandate.policy.Diagnostic;
import io.mandate.policy.ast.Pos;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every diagnostic of one load, so that all errors of a file are reported together. */
public final class DiagnosticSink {
    /** Past this many errors the file is hopeless and more would only bury the first ones. */
    private static final int MAX_ERRORS = 200;

    private final String source;
    private final List<PolicyDiagnostic> diagnostics = new ArrayList<>();
    private int errors;

    public DiagnosticSink(String source) {
        this.source = source;
    }

    public String source() {
        return source;
    }

    public void error(Pos pos, String message, String hint) {
        if (errors++ < MAX_ERRORS) {
            add(Diagnostic.Severity.ERROR, pos, message, hint);
        }
    }

    public void error(Pos pos, String message) {
        error(pos, message, "");
    }

    public void warning(Pos pos, String message, String hint) {
        add(Diagnostic.Severity.WARNING, pos, message, hint);
    }

    private void add(Diagnostic.Severity severity, Pos pos, String message, String hint) {
        Pos p = pos == null || !pos.known() ? new Pos(1, 1) : pos;
        diagnostics.add(new PolicyDiagnostic(severity, source, p.line(), p.column(), message, hint));
    }

    public boolean hasErrors() {
        return errors > 0;
    }

    /** The diagnostics in source order (stable for equal positions). */
    public List<Diagnostic> sorted() {
        List<PolicyDiagnostic> copy = new ArrayList<>(diagnostics);
        copy.sort(Comparator.comparingInt(PolicyDiagnostic::line).thenComparingInt(PolicyDiagnostic::column));
        return List.copyOf(copy);
    }

    /** Renders diagnostics as a compiler does: headline, the source line, a caret under the column, the hint. */
    public static String render(List<Diagnostic> diagnostics, SourceText text) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            out.append(d.source()).append(':').append(d.line()).append(':').append(d.column()).append(": ")
                    .append(d.severity() == Diagnostic.Severity.ERROR ? "error" : "warning").append(": ")
                    .append(d.message()).append('\n');
            String line = text == null ? "" : text.line(d.line());
            if (!line.isEmpty()) {
                out.append("  ").append(line).append('\n').append("  ");
                for (int i = 1; i < d.column() && i <= line.length(); i++) {
                    out.append(line.charAt(i - 1) == '\t' ? '\t' : ' ');
                }
                out.append("^\n");
            }
            if (!d.hint().isEmpty()) {
                out.append("  hint: ").append(d.hint()).append('\n');
            }
        }
        return out.toString();
    }
}
