package io.mandate.it.file;

import io.mandate.api.Chain;
import io.mandate.api.Mandate;
import io.mandate.api.PolicyDenial;
import io.mandate.api.Step;
import io.mandate.it.apps.Observations;

import java.io.BufferedReader;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.FileWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * An agent's tool calls through every public way to open or change a file: each entry point once
 * on a path the policy allows and once on one it denies (under {@code secret/}), each in a chain of
 * its own, recording the outcome (and, for a denial, the exception's message) and the chain id.
 * Read entry points read {@code kb/a.txt} or {@code secret/s.txt}; write entry points create a new
 * file under {@code out/} or {@code secret/}; the test prepares the files the others need.
 *
 * Arguments: rootDirectory
 */
public final class FileAccessApp {
    static final String AGENT = "file-bot";
    static final String[] READS = {"FileInputStream", "FileReader", "RandomAccessFile_r", "Files.newInputStream",
            "Files.newByteChannel", "Files.newBufferedReader", "Files.readAllBytes", "Files.readString",
            "Files.readAllLines", "Files.lines", "FileChannel.open", "AsynchronousFileChannel.open"};
    static final String[] WRITES = {"FileOutputStream", "FileWriter", "RandomAccessFile_rw", "Files.newOutputStream",
            "Files.newBufferedWriter", "Files.write", "Files.writeString", "Files.newByteChannel_write",
            "FileChannel.open_write", "AsynchronousFileChannel.open_write", "Files.createFile", "File.createNewFile"};
    static final String[] LISTS = {"File.list", "File.listFiles", "Files.newDirectoryStream", "Files.list", "Files.walk"};
    static final String[] DELETES = {"Files.delete", "Files.deleteIfExists", "File.delete"};
    static final String[] MKDIRS = {"Files.createDirectory", "File.mkdir"};
    static final String[] MOVES = {"Files.move", "File.renameTo"};

    private FileAccessApp() {
    }

    private interface Action {
        Object run(Path path, Path other) throws IOException, InterruptedException, java.util.concurrent.ExecutionException;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        Path kb = root.resolve("kb");
        Path out = root.resolve("out");
        Path secret = root.resolve("secret");
        Observations.record("agentAttached", Mandate.agentAttached());

        for (String name : READS) {
            both(name, kb.resolve("a.txt"), secret.resolve("s.txt"), null, null, read(name));
        }
        for (String name : WRITES) {
            both(name, out.resolve(fileName(name)), secret.resolve(fileName(name)), null, null, write(name));
        }
        for (String name : LISTS) {
            both(name, kb, secret, null, null, list(name));
        }
        for (String name : DELETES) {
            both(name, out.resolve(fileName(name) + ".del"), secret.resolve(fileName(name) + ".del"), null, null,
                    delete(name));
        }
        for (String name : MKDIRS) {
            both(name, out.resolve(fileName(name) + ".dir"), secret.resolve(fileName(name) + ".dir"), null, null,
                    (path, other) -> name.equals("File.mkdir") ? path.toFile().mkdir() : Files.createDirectory(path));
        }
        for (String name : MOVES) {
            both(name, out.resolve(fileName(name) + ".src"), out.resolve(fileName(name) + ".src2"),
                    out.resolve(fileName(name) + ".dst"), secret.resolve(fileName(name) + ".dst"),
                    (path, other) -> name.equals("File.renameTo") ? path.toFile().renameTo(other.toFile())
                            : Files.move(path, other));
        }
        both("Files.copy", kb.resolve("a.txt"), kb.resolve("a.txt"), out.resolve("copy.dst"),
                secret.resolve("copy.dst"), Files::copy);

        // where a path really leads: a link inside kb/ to a file in kb/, and one to secret/; a ".." climbing in and out
        both("symlink", kb.resolve("alias.txt"), kb.resolve("escape").resolve("s.txt"), null, null, read("FileInputStream"));
        both("dotdot", kb.resolve("..").resolve("kb").resolve("a.txt"), kb.resolve("..").resolve("secret").resolve("s.txt"),
                null, null, read("Files.readString"));
    }

    static String fileName(String scenario) {
        return scenario.replace('.', '-');
    }

    private static void both(String name, Path allowed, Path denied, Path allowedOther, Path deniedOther, Action action)
            throws InterruptedException {
        scenario(name + ".allowed", allowed, allowedOther, action);
        scenario(name + ".denied", denied, deniedOther, action);
    }

    private static void scenario(String name, Path path, Path other, Action action) throws InterruptedException {
        try (Chain chain = Mandate.openChain(AGENT, "file " + name, "ops");
             Step step = Mandate.openStep("tool_" + name, Mandate.digest(name))) {
            Observations.record(name + ".chain", chain.id());
            String outcome;
            try {
                outcome = describe(action.run(path, other));
            } catch (IOException | java.util.concurrent.ExecutionException e) {
                Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
                outcome = describe(cause);
                Observations.record(name + ".message", String.valueOf(cause.getMessage()));
            }
            Observations.record(name, outcome);
        }
    }

    private static String describe(Object result) {
        if (result instanceof Boolean || result == null) {
            return "returned " + result;
        }
        if (result instanceof String[] names) {
            return "listed " + names.length;
        }
        if (result instanceof File[] files) {
            return "listed " + files.length;
        }
        return "ok " + result;
    }

    private static String describe(Throwable e) {
        String type = e instanceof AccessDeniedException ? "AccessDeniedException"
                : e instanceof FileNotFoundException ? "FileNotFoundException" : e.getClass().getName();
        if (e instanceof PolicyDenial denial) {
            return "denied " + type + " rule=" + denial.ruleId();
        }
        return "failed " + type + ": " + e.getMessage();
    }

    private static Action read(String name) {
        return (path, other) -> switch (name) {
            case "FileInputStream" -> {
                try (InputStream in = new FileInputStream(path.toString())) {
                    yield text(in.readAllBytes());
                }
            }
            case "FileReader" -> {
                try (BufferedReader in = new BufferedReader(new FileReader(path.toFile()))) {
                    yield in.readLine();
                }
            }
            case "RandomAccessFile_r" -> {
                try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
                    yield file.readLine();
                }
            }
            case "Files.newInputStream" -> {
                try (InputStream in = Files.newInputStream(path)) {
                    yield text(in.readAllBytes());
                }
            }
            case "Files.newByteChannel" -> {
                try (SeekableByteChannel channel = Files.newByteChannel(path)) {
                    yield "size=" + channel.size();
                }
            }
            case "Files.newBufferedReader" -> {
                try (BufferedReader in = Files.newBufferedReader(path)) {
                    yield in.readLine();
                }
            }
            case "Files.readAllBytes" -> text(Files.readAllBytes(path));
            case "Files.readString" -> Files.readString(path);
            case "Files.readAllLines" -> Files.readAllLines(path).get(0);
            case "Files.lines" -> {
                try (Stream<String> lines = Files.lines(path)) {
                    yield lines.findFirst().orElse("");
                }
            }
            case "FileChannel.open" -> {
                try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                    yield "size=" + channel.size();
                }
            }
            case "AsynchronousFileChannel.open" -> {
                try (AsynchronousFileChannel channel = AsynchronousFileChannel.open(path, StandardOpenOption.READ)) {
                    ByteBuffer buffer = ByteBuffer.allocate(64);
                    int read = channel.read(buffer, 0).get();
                    yield new String(buffer.array(), 0, read, StandardCharsets.UTF_8);
                }
            }
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static Action write(String name) {
        byte[] data = "written".getBytes(StandardCharsets.UTF_8);
        return (path, other) -> {
            switch (name) {
                case "FileOutputStream" -> {
                    try (OutputStream out = new FileOutputStream(path.toString())) {
                        out.write(data);
                    }
                }
                case "FileWriter" -> {
                    try (Writer out = new FileWriter(path.toFile())) {
                        out.write("written");
                    }
                }
                case "RandomAccessFile_rw" -> {
                    try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
                        file.write(data);
                    }
                }
                case "Files.newOutputStream" -> {
                    try (OutputStream out = Files.newOutputStream(path)) {
                        out.write(data);
                    }
                }
                case "Files.newBufferedWriter" -> {
                    try (Writer out = Files.newBufferedWriter(path)) {
                        out.write("written");
                    }
                }
                case "Files.write" -> Files.write(path, data);
                case "Files.writeString" -> Files.writeString(path, "written");
                case "Files.newByteChannel_write" -> {
                    try (SeekableByteChannel channel = Files.newByteChannel(path, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE)) {
                        channel.write(ByteBuffer.wrap(data));
                    }
                }
                case "FileChannel.open_write" -> {
                    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                        channel.write(ByteBuffer.wrap(data));
                    }
                }
                case "AsynchronousFileChannel.open_write" -> {
                    try (AsynchronousFileChannel channel = AsynchronousFileChannel.open(path, StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE)) {
                        channel.write(ByteBuffer.wrap(data), 0).get();
                    }
                }
                case "Files.createFile" -> Files.createFile(path);
                case "File.createNewFile" -> {
                    return path.toFile().createNewFile();
                }
                default -> throw new IllegalArgumentException(name);
            }
            return "exists=" + Files.exists(path);
        };
    }

    private static Action list(String name) {
        return (path, other) -> switch (name) {
            case "File.list" -> path.toFile().list();
            case "File.listFiles" -> path.toFile().listFiles();
            case "Files.newDirectoryStream" -> {
                int count = 0;
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
                    for (Path ignored : entries) {
                        count++;
                    }
                }
                yield "entries=" + count;
            }
            case "Files.list" -> {
                try (Stream<Path> entries = Files.list(path)) {
                    yield "entries=" + entries.count();
                }
            }
            case "Files.walk" -> {
                try (Stream<Path> entries = Files.walk(path)) {
                    yield "entries=" + entries.count();
                }
            }
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static Action delete(String name) {
        return (path, other) -> switch (name) {
            case "Files.delete" -> {
                Files.delete(path);
                yield "deleted=" + !Files.exists(path);
            }
            case "Files.deleteIfExists" -> "deleted=" + Files.deleteIfExists(path);
            case "File.delete" -> path.toFile().delete();
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8).trim();
    }

    static String[] all(String[]... groups) {
        return Arrays.stream(groups).flatMap(Arrays::stream).toArray(String[]::new);
    }
}
