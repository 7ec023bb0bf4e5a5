package io.mandate.cli;

import picocli.CommandLine;

/** The version from the jar's manifest; "development" when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = MandateCommand.class.getPackage().getImplementationVersion();
        return new String[] {"mandate " + (version == null ? "development" : version),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
