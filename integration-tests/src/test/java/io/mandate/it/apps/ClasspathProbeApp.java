package io.mandate.it.apps;

/**
 * Records which classes the app's class loader can see and which JVM runs it, so the harness
 * can prove that a forked app gets the class path a real app would get and nothing more.
 * Arguments: class names to probe.
 */
public final class ClasspathProbeApp {
    private ClasspathProbeApp() {
    }

    public static void main(String[] args) {
        Observations.record("java.version", System.getProperty("java.version"));
        Observations.record("java.home", System.getProperty("java.home"));
        Observations.record("working.dir", System.getProperty("user.dir"));
        Observations.record("env.MANDATE_IT_PROBE", String.valueOf(System.getenv("MANDATE_IT_PROBE")));
        for (String className : args) {
            String visibility;
            try {
                Class<?> type = Class.forName(className, false, ClasspathProbeApp.class.getClassLoader());
                visibility = type.getClassLoader() == null ? "boot" : "app";
            } catch (ClassNotFoundException e) {
                visibility = "absent";
            }
            Observations.record("class." + className, visibility);
        }
    }
}
