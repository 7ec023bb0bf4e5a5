package io.mandate.cli.attach;

/** The feature release of a {@code java.specification.version} ("17", "25", or "1.8" for 8). */
final class JavaFeature {
    private JavaFeature() {
    }

    static int of(String specificationVersion) {
        String version = specificationVersion.startsWith("1.") ? specificationVersion.substring(2) : specificationVersion;
        int dot = version.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
