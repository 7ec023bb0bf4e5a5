package io.mandate.cli.policy;

import java.nio.file.Files;
import java.nio.file.Path;

import io.mandate.cli.UsageException;
import io.mandate.policy.LoadResult;
import io.mandate.policy.PolicyLoader;

/** Loads a policy the user named; a file that is not there is a usage problem, not a policy error. */
public final class PolicyFiles {
    private PolicyFiles() {
    }

    public static LoadResult load(Path file) {
        requireFile(file, "policy file");
        return PolicyLoader.load(file);
    }

    public static void requireFile(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("no " + what + " at " + file);
        }
    }
}
