package io.mandate.policy;

import io.mandate.policy.ast.PolicyAst;
import io.mandate.policy.ast.Pos;
import io.mandate.policy.ast.Rule;
import io.mandate.policy.check.PolicyChecker;
import io.mandate.policy.check.PolicyLinter;
import io.mandate.policy.eval.PolicyCompiler;
import io.mandate.policy.json.PolicyJson;
import io.mandate.policy.match.ResourcePattern;
import io.mandate.policy.text.DiagnosticSink;
import io.mandate.policy.text.PolicyParser;
import io.mandate.policy.text.SourceText;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads, validates and compiles policies, in the text form or (files ending in .json) the JSON
 * form. Never throws for bad input: it reports diagnostics.
 */
public final class PolicyLoader {
    /** A policy file larger than this is not a policy anyone wrote; refuse it rather than parse it. */
    static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    private PolicyLoader() {
    }

    /** Loads a policy file; an unreadable file is a diagnostic too. Rule ids start with the file's name. */
    public static LoadResult load(Path file) {
        Path fileName = file.getFileName();
        String name = fileName == null ? file.toString() : fileName.toString();
        String text;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                return failure(name, "policy file is larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MiB");
            }
            byte[] bytes;
            // a FileInputStream, not Files.readAllBytes: the agent loads its policy at premain, where
            // loading FileChannelImpl would cost a retransformation of it (docs/architecture.md, start-up)
            try (InputStream in = new FileInputStream(file.toFile())) {
                bytes = in.readAllBytes();
            }
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return failure(name, "policy file is not UTF-8 text");
        } catch (IOException | RuntimeException e) {
            return failure(name, "cannot read policy file " + file + ": " + e);
        }
        return name.endsWith(".json") ? compile(name, file.toString(), text, true) : compile(name, file.toString(), text, false);
    }

    /** Parses policy text; {@code sourceName} is what diagnostics call the file and what rule ids start with. */
    public static LoadResult parse(String sourceName, String text) {
        return compile(sourceName, sourceName, text, false);
    }

    /** Parses the JSON form of a policy. */
    public static LoadResult parseJson(String sourceName, String json) {
        return compile(sourceName, sourceName, json, true);
    }

    private static LoadResult compile(String name, String source, String text, boolean json) {
        String safeName = name == null ? "policy" : name;
        String safeText = text == null ? "" : text;
        DiagnosticSink sink = new DiagnosticSink(safeName);
        SourceText sourceText = new SourceText(safeName, safeText);
        try {
            PolicyAst ast = json ? PolicyJson.read(safeText, sink) : PolicyParser.parse(safeText, sink);
            if (ast == null) {
                return new PolicyLoadResult(null, null, sink.sorted(), sourceText);
            }
            Map<Rule, List<ResourcePattern>> patterns = PolicyChecker.check(ast, sink);
            if (sink.hasErrors()) {
                return new PolicyLoadResult(null, ast, sink.sorted(), sourceText);
            }
            PolicyLinter.lint(ast, patterns, sink);
            CompiledPolicy policy = PolicyCompiler.compile(ast, patterns, safeName, source == null ? safeName : source);
            return new PolicyLoadResult(policy, ast, sink.sorted(), sourceText);
        } catch (RuntimeException | StackOverflowError e) {
            // A bug of ours must still come out as a diagnostic with a position, never as an exception.
            sink.error(Pos.NONE, "internal error while loading the policy: " + e, "please report it with the policy");
            return new PolicyLoadResult(null, null, sink.sorted(), sourceText);
        }
    }

    private static LoadResult failure(String name, String message) {
        DiagnosticSink sink = new DiagnosticSink(name);
        sink.error(Pos.NONE, message);
        return new PolicyLoadResult(null, null, sink.sorted(), new SourceText(name, ""));
    }
}
