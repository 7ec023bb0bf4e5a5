package io.mandate.it.file;

import io.mandate.api.Chain;
import io.mandate.api.Mandate;
import io.mandate.api.PolicyDenial;
import io.mandate.api.Step;
import io.mandate.it.apps.Observations;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An agent's tool calls that read and write more bytes of files than the policy's per-chain budget,
 * through java.io streams, RandomAccessFile, NIO and channels (a stream's own channel too), each in a
 * chain of its own (a fresh budget each), recording what it read or wrote, or how it failed; then how
 * long each written file is, seen from outside any chain. {@code small} reads a file within budget.
 *
 * Arguments: rootDirectory (kb/large.bin of {@link #LARGE} bytes and kb/small.txt are there; out/ is empty)
 */
public final class FileBytesApp {
    static final String AGENT = "file-bot";
    static final int LARGE = 40_000;

    private FileBytesApp() {
    }

    private interface Action {
        Object run() throws IOException;
    }

    public static void main(String[] args) throws Exception {
        Observations.record("agentAttached", Mandate.agentAttached());
        Path root = Path.of(args[0]);
        Path large = root.resolve("kb/large.bin");
        Path out = root.resolve("out");
        scenario("small", () -> Files.readString(root.resolve("kb/small.txt")).length());
        scenario("fis", () -> {
            try (InputStream in = new FileInputStream(large.toFile())) {
                return in.readAllBytes().length;
            }
        });
        scenario("fis_transfer", () -> {
            try (InputStream in = new FileInputStream(large.toFile())) {
                return in.transferTo(OutputStream.nullOutputStream());
            }
        });
        scenario("raf", () -> {
            try (RandomAccessFile file = new RandomAccessFile(large.toFile(), "r")) {
                byte[] all = new byte[LARGE];
                file.readFully(all);
                return all.length;
            }
        });
        scenario("nio", () -> Files.readAllBytes(large).length);
        scenario("stream_channel", () -> {
            try (FileInputStream in = new FileInputStream(large.toFile()); FileChannel channel = in.getChannel()) {
                ByteBuffer buffer = ByteBuffer.allocate(4096);
                long total = 0;
                for (int n = channel.read(buffer); n >= 0; n = channel.read(buffer)) {
                    total += n;
                    buffer.clear();
                }
                return total;
            }
        });
        scenario("fos", () -> {
            try (OutputStream file = new FileOutputStream(out.resolve("fos.bin").toFile())) {
                file.write(new byte[LARGE]);
                return LARGE;
            }
        });
        scenario("nio_write", () -> Files.write(out.resolve("nio.bin"), new byte[LARGE]).getFileName());
        Observations.record("fos.size", Observations.harnessIo(() -> Files.size(out.resolve("fos.bin"))));
        Observations.record("nio_write.size", Observations.harnessIo(() -> Files.size(out.resolve("nio.bin"))));
    }

    private static void scenario(String name, Action action) throws InterruptedException {
        try (Chain chain = Mandate.openChain(AGENT, "file bytes " + name, "ops");
             Step step = Mandate.openStep("tool_" + name, Mandate.digest(name))) {
            Observations.record(name + ".chain", chain.id());
            String outcome;
            try {
                outcome = "ok " + action.run();
            } catch (IOException e) {
                outcome = e instanceof PolicyDenial denial
                        ? "denied rule=" + denial.ruleId() + " message=" + e.getMessage() : "failed " + e;
            }
            Observations.record(name, outcome);
        }
    }
}
