package io.mandate.bootstrap.launcher;

import io.mandate.bootstrap.launcher.fixture.Greeter;
import io.mandate.bootstrap.launcher.fixture.Versioned;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentClassLoaderTest {
    private static final String FIXTURE = "io/mandate/bootstrap/launcher/fixture/";
    private static final int FUTURE_RELEASE = Runtime.version().feature() + 1;

    @TempDir
    Path directory;
    private JarFile jar;
    private AgentClassLoader loader;

    @BeforeEach
    void packAgentJar() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(FIXTURE + "Greeter.class", classFile(Greeter.class)); // top level: must NOT be served
        entries.put("inst/" + FIXTURE + "Greeter.classdata", classFile(Greeter.class));
        entries.put("inst/" + FIXTURE + "Versioned.classdata", "not a class file".getBytes(StandardCharsets.UTF_8));
        entries.put("inst/META-INF/versions/11/" + FIXTURE + "Versioned.classdata", classFile(Versioned.class));
        entries.put("inst/config/message.txt", text("base"));
        entries.put("inst/META-INF/versions/9/config/message.txt", text("release 9"));
        entries.put("inst/META-INF/versions/" + FUTURE_RELEASE + "/config/message.txt", text("a future release"));
        entries.put("inst/META-INF/versions/notanumber/config/message.txt", text("not a release"));
        entries.put("inst/config/base-only.txt", text("only in the base"));
        entries.put("inst/META-INF/services/java.lang.Runnable", text("example.Task\n"));
        entries.put("top-level.txt", text("boot tier"));
        Path file = directory.resolve("agent.jar");
        write(file, entries);
        jar = new JarFile(file.toFile());
        loader = new AgentClassLoader(jar, file.toFile(), ClassLoader.getPlatformClassLoader());
    }

    private static void write(Path file, Map<String, byte[]> entries) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
    }

    @AfterEach
    void closeJar() throws IOException {
        jar.close();
    }

    @Test
    void definesClassesFromClassdataEntriesUnderInst() throws Exception {
        Class<?> greeter = loader.loadClass(Greeter.class.getName());

        assertSame(loader, greeter.getClassLoader());
        assertNotSame(Greeter.class, greeter);
        assertEquals("hello from mandate-agent", greeter.getMethod("greet").invoke(greeter.getConstructor().newInstance()));
        assertNotNull(greeter.getPackage());
        assertEquals("io.mandate.bootstrap.launcher.fixture", greeter.getPackage().getName());
        assertEquals(jar.getName(), Path.of(greeter.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
    }

    @Test
    void servesClassFilesAsResourcesBecauseByteBuddyReadsThemThatWay() throws IOException {
        byte[] expected = classFile(Greeter.class);

        try (InputStream in = loader.getResourceAsStream(FIXTURE + "Greeter.class")) {
            assertNotNull(in);
            assertArrayEquals(expected, in.readAllBytes());
        }
        URL url = loader.getResource(FIXTURE + "Greeter.class");
        assertNotNull(url);
        assertTrue(url.toExternalForm().startsWith("jar:file:"), url.toExternalForm());
        assertTrue(url.toExternalForm().endsWith("!/inst/" + FIXTURE + "Greeter.classdata"), url.toExternalForm());
        try (InputStream in = url.openStream()) {
            assertArrayEquals(expected, in.readAllBytes());
        }
    }

    @Test
    void servesJdkClassFilesFromTheParentAndTheAgentsOwnFromTheJar() throws IOException {
        try (InputStream in = loader.getResourceAsStream("java/lang/String.class")) {
            assertNotNull(in, "a JDK class file still comes from the platform");
            assertArrayEquals(classFile(String.class), in.readAllBytes());
        }
        try (InputStream in = loader.getResourceAsStream(Versioned.class.getName().replace('.', '/') + ".class")) {
            assertNotNull(in);
            assertArrayEquals(loader.getResource(Versioned.class.getName().replace('.', '/') + ".class").openStream()
                    .readAllBytes(), in.readAllBytes(), "the release folder's class file, as getResource names it");
        }
        assertNull(loader.getResourceAsStream("io/mandate/bootstrap/launcher/fixture/Missing.class"));
    }

    @Test
    void resolvesTheHighestReleaseFolderTheRunningJdkSupports() throws IOException {
        assertEquals("release 9", read(loader.getResource("config/message.txt")));
        assertEquals("release 9", new String(loader.getResourceAsStream("config/message.txt").readAllBytes(),
                StandardCharsets.UTF_8));
        assertEquals("only in the base", read(loader.getResource("config/base-only.txt")));
    }

    @Test
    void readsTheReleaseFoldersFromTheBuildsListWhenTheJarHasOne() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("inst/" + FIXTURE + "Versioned.classdata", "not a class file".getBytes(StandardCharsets.UTF_8));
        entries.put("inst/META-INF/versions/11/" + FIXTURE + "Versioned.classdata", classFile(Versioned.class));
        entries.put("inst/config/message.txt", text("base"));
        entries.put("inst/META-INF/versions/9/config/message.txt", text("release 9"));
        entries.put("inst/META-INF/versions/11/config/message.txt", text("release 11, left out of the list"));
        entries.put("inst/META-INF/versions/" + FUTURE_RELEASE + "/config/message.txt", text("a future release"));
        entries.put(AgentClassLoader.VERSIONED_ENTRIES, text("11/" + FIXTURE + "Versioned.classdata\n"
                + "9/config/message.txt\n" + FUTURE_RELEASE + "/config/message.txt\n" + "9/config/missing.txt\n"));
        Path file = directory.resolve("listed.jar");
        write(file, entries);

        try (JarFile listed = new JarFile(file.toFile())) {
            AgentClassLoader fromList = new AgentClassLoader(listed, file.toFile(), ClassLoader.getPlatformClassLoader());
            assertSame(fromList, fromList.loadClass(Versioned.class.getName()).getClassLoader());
            // the list, not a scan, says what the folders hold: release 11's copy is not listed
            assertEquals("release 9", read(fromList.getResource("config/message.txt")));
            assertNull(fromList.getResource("config/missing.txt"));
        }
    }

    @Test
    void loadsAClassFromItsReleaseFolder() throws ClassNotFoundException {
        Class<?> versioned = loader.loadClass(Versioned.class.getName());

        assertSame(loader, versioned.getClassLoader());
    }

    @Test
    void servesServiceFilesForServiceLoader() throws IOException {
        assertEquals("example.Task\n", read(loader.getResources("META-INF/services/java.lang.Runnable").nextElement()));
    }

    @Test
    void seesNothingOutsideInstAndNothingOfTheApplication() {
        assertNull(loader.getResource("top-level.txt"));
        assertNull(loader.getResource("/config/message.txt"));
        assertThrows(ClassNotFoundException.class, () -> loader.loadClass("io.mandate.bootstrap.launcher.fixture.Missing"));
        assertThrows(ClassNotFoundException.class, () -> loader.loadClass(AgentClassLoaderTest.class.getName()));
    }

    @Test
    void delegatesJdkClassesToThePlatform() throws ClassNotFoundException {
        assertSame(String.class, loader.loadClass("java.lang.String"));
        assertSame(java.sql.Connection.class, loader.loadClass("java.sql.Connection"));
    }

    @Test
    void readsAnEntryInOneArrayOfItsRecordedSizeAndRefusesOneOfAnotherSize() throws IOException {
        byte[] content = text("twelve bytes");
        assertArrayEquals(content, AgentClassLoader.readEntry(new java.io.ByteArrayInputStream(content), 12));
        assertArrayEquals(content, AgentClassLoader.readEntry(new java.io.ByteArrayInputStream(content), -1),
                "a size the jar does not record: read to the end");
        IOException shorter = assertThrows(IOException.class,
                () -> AgentClassLoader.readEntry(new java.io.ByteArrayInputStream(content), 20));
        assertTrue(shorter.getMessage().contains("20 bytes"), shorter.getMessage());
        assertThrows(IOException.class, () -> AgentClassLoader.readEntry(new java.io.ByteArrayInputStream(content), 5),
                "more bytes than recorded");
    }

    private static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }

    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static String read(URL url) throws IOException {
        assertNotNull(url);
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
