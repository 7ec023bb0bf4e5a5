package io.mandate.agent.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts {@link ForkedJournalWriter} in a new JVM on the test class path, with Chronicle's module flags. */
final class ForkedJvm {
    static final Path JDK_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    private ForkedJvm() {
    }

    /** The JDK running the tests. */
    static Path currentJdk() {
        return Path.of(System.getProperty("java.home"));
    }

    static ProcessBuilder command(Path jdk, Path userHome, Path workingDir, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(jdk.resolve("bin").resolve("java").toString());
        command.add("-Duser.home=" + userHome);
        command.add("-Xmx256m");
        command.addAll(ChronicleModuleAccess.jvmFlags());
        command.add("-cp");
        command.add(testClassPath());
        command.add(ForkedJournalWriter.class.getName());
        command.addAll(List.of(args));
        Files.createDirectories(workingDir);
        return new ProcessBuilder(command).directory(workingDir.toFile());
    }

    /** Surefire's full test class path (its own JVM may run from a manifest-only jar). */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null ? surefire : System.getProperty("java.class.path");
    }
}
