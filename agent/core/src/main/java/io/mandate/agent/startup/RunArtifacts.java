package io.mandate.agent.startup;

import io.mandate.agent.journal.Journal;
import io.mandate.bootstrap.CallGuard;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Journals what this run executes: SHA-256 of the agent jar and of every jar on the application's
 * class path, as the lifecycle event "agent.artifacts", which the hash chain and the next signed
 * checkpoint cover like any event. Hashing tens of megabytes takes tens to hundreds of
 * milliseconds, so it runs on its own daemon thread instead of delaying the application's main.
 */
final class RunArtifacts implements Runnable {
    static final String EVENT = "agent.artifacts";
    /** Per-jar attributes beyond this are left out (the journal caps an event at 128); the digest covers all. */
    private static final int MAX_LISTED_JARS = 100;

    private final Journal journal;
    private final File agentJar;
    private final String classPath;

    private RunArtifacts(Journal journal, File agentJar, String classPath) {
        this.journal = journal;
        this.agentJar = agentJar;
        this.classPath = classPath;
    }

    static void journalInBackground(Journal journal, File agentJar) {
        Thread thread = new Thread(null, new RunArtifacts(journal, agentJar,
                System.getProperty("java.class.path", "")), "mandate-run-artifacts", 0, false);
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    @Override
    public void run() {
        // for the life of this thread: reading the jars is the agent's own work, never a call to
        // decide (the file instrumentation is installed by the time it reads them)
        CallGuard.enter();
        try {
            journal.recordLifecycle(EVENT, attributes());
        } catch (RuntimeException | NoSuchAlgorithmException e) {
            journal.recordLifecycle("agent.error", Map.of("error", "cannot hash the run's jars: " + e));
        }
    }

    private Map<String, String> attributes() throws NoSuchAlgorithmException {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("agentJar", agentJar == null ? "" : agentJar.getPath());
        attributes.put("agentJarSha256", agentJar == null ? "" : sha256(agentJar.toPath(), sha256));
        // a digest over "hash  path" lines in class path order (the sha256sum layout): one value
        // that pins every jar, however many the per-jar attributes below can list
        MessageDigest all = MessageDigest.getInstance("SHA-256");
        int jars = 0;
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.endsWith(".jar")) {
                continue; // class directories change file by file; only jars are pinned
            }
            String line = sha256(Path.of(entry), sha256) + "  " + entry;
            all.update((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if (jars < MAX_LISTED_JARS) {
                attributes.put("classPathJar." + jars, line);
            }
            jars++;
        }
        attributes.put("classPathJars", Integer.toString(jars));
        attributes.put("classPathSha256", HexFormat.of().formatHex(all.digest()));
        return attributes;
    }

    /** Hex SHA-256 of the file, or "unreadable: reason" (a missing jar is itself worth journaling). */
    private static String sha256(Path file, MessageDigest digest) {
        digest.reset();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | RuntimeException e) {
            return "unreadable: " + e.getClass().getSimpleName();
        }
    }
}
