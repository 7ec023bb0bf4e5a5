package io.mandate.benchmarks.apps;

import java.io.FileInputStream;
import java.io.IOException;

/** The file workload: open, read and close a small file, the java.io way most code still does it. */
final class FileReadLoop implements CallLoop {
    private final String path;
    private final byte[] buffer = new byte[8192];
    private long bytes;

    FileReadLoop(String path) {
        this.path = path;
    }

    @Override
    public void call() throws IOException {
        try (FileInputStream in = new FileInputStream(path)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                bytes += n;
            }
        }
    }

    long bytes() {
        return bytes;
    }
}
