package io.mandate.it.integrity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** bin/mandate as a user runs it (the packaged attach-cli jar), stdout and stderr merged. */
final class MandateCommand {
    final int exit;
    final String output;

    private MandateCommand(int exit, String output) {
        this.exit = exit;
        this.output = output;
    }

    static MandateCommand run(String... args) throws Exception {
        Path root = Path.of(System.getProperty("mandate.it.buildDir", "target")).toAbsolutePath().normalize()
                .getParent().getParent();
        List<String> command = new ArrayList<>();
        command.add(root.resolve("bin/mandate").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("MANDATE_CLI_JAR");
        builder.environment().remove("MANDATE_JAVA");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "mandate " + String.join(" ", args) + " hung");
        return new MandateCommand(process.exitValue(), output);
    }
}
