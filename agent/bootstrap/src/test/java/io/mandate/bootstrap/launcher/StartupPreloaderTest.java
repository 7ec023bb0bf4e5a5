package io.mandate.bootstrap.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupPreloaderTest {
    /** Never initialised by a preload: its initialiser would set this. */
    static volatile boolean initialised;

    static final class NotToBeInitialised {
        static {
            initialised = true;
        }
    }

    @TempDir
    Path dir;

    @Test
    void loadsEveryListedClassInOrderWithoutInitialisingAndSkipsWhatIsGone() throws Exception {
        String listed = NotToBeInitialised.class.getName();
        JarFile jar = jarWithList(listed + "\n\n  java.lang.String  \nio.mandate.NoSuchClassAnyMore\n" + Thread.class.getName()
                + "\n");
        RecordingLoader loader = new RecordingLoader(4);

        assertTrue(StartupPreloader.start(jar, loader) != null);

        assertTrue(loader.done.await(10, TimeUnit.SECONDS), "every listed name was asked for");
        assertEquals(List.of(listed, "java.lang.String", "io.mandate.NoSuchClassAnyMore", Thread.class.getName()),
                loader.asked);
        assertTrue(!initialised, "classes are loaded, not initialised");
    }

    @Test
    void doesNothingWithoutAList() throws Exception {
        Path path = dir.resolve("no-list.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(path))) {
            out.putNextEntry(new ZipEntry("inst/"));
        }
        try (JarFile jar = new JarFile(path.toFile())) {
            assertNull(StartupPreloader.start(jar, new RecordingLoader(0)));
        }
    }

    private JarFile jarWithList(String list) throws IOException {
        Path path = dir.resolve("agent.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(path))) {
            out.putNextEntry(new ZipEntry(StartupPreloader.CLASS_LIST));
            OutputStream entry = out;
            entry.write(list.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return new JarFile(path.toFile());
    }

    /** Answers from the test's own loader and records the names asked for, in order. */
    private static final class RecordingLoader extends ClassLoader {
        final List<String> asked = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch done;

        RecordingLoader(int expected) {
            super(StartupPreloaderTest.class.getClassLoader());
            done = new CountDownLatch(expected);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            asked.add(name);
            done.countDown();
            return super.loadClass(name, resolve);
        }
    }
}
