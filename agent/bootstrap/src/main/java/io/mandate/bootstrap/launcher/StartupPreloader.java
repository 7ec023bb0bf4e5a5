package io.mandate.bootstrap.launcher;

import io.mandate.bootstrap.CallGuard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * Loads, on a second thread, the classes the agent's start is about to load, in the order it loads
 * them: most of the start's wall time is defining (reading, inflating, verifying) about two
 * thousand classes on the premain thread, and these machines have a second core. The list is
 * recorded from a real start ({@code agent/startup/update-startup-classes}). A class the start
 * needs first is simply loaded by the start (the loader is parallel-capable, per-class locks);
 * a listed class that no longer exists is skipped; a stale list only costs the gain.
 *
 * <p>Classes are loaded, never initialised: no static initialiser of the agent runs here. The
 * thread holds the re-entrancy guard, so the class loading's own I/O is never a decided call, and
 * it stops as soon as the start is over, successful or not.
 */
final class StartupPreloader implements Runnable {
    static final String CLASS_LIST = "META-INF/mandate/startup-classes.txt";
    /** -Dmandate.preload=false turns it off, to measure the start without it. */
    static final String ENABLED_PROPERTY = "mandate.preload";

    private final JarFile jar;
    private final ClassLoader loader;
    private volatile boolean startOver;

    private StartupPreloader(JarFile jar, ClassLoader loader) {
        this.jar = jar;
        this.loader = loader;
    }

    /** Starts preloading, or returns null when there is no list or preloading is off. */
    static StartupPreloader start(JarFile jar, ClassLoader loader) {
        if ("false".equals(System.getProperty(ENABLED_PROPERTY)) || jar.getEntry(CLASS_LIST) == null) {
            return null;
        }
        StartupPreloader preloader = new StartupPreloader(jar, loader);
        Thread thread = new Thread(null, preloader, "mandate-preload", 0, false);
        thread.setDaemon(true);
        thread.start();
        return preloader;
    }

    /** The start is over: the thread ends at its next class. */
    void startOver() {
        startOver = true;
    }

    @Override
    public void run() {
        CallGuard.enter(); // for the life of this thread: reading the agent jar is the agent's own I/O
        ZipEntry list = jar.getEntry(CLASS_LIST);
        try (InputStream in = jar.getInputStream(list);
             BufferedReader names = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String name;
            while (!startOver && (name = names.readLine()) != null) {
                preload(name.trim());
            }
        } catch (IOException | RuntimeException e) {
            // only a gain is lost: the start loads what it needs itself
        }
    }

    private void preload(String name) {
        if (name.isEmpty()) {
            return;
        }
        try {
            Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            // renamed since the list was recorded, or not loadable here: the start decides what it needs
        }
    }
}
