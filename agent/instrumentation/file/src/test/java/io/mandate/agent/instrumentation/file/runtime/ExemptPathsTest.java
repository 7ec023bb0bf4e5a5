package io.mandate.agent.instrumentation.file.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExemptPathsTest {
    @TempDir
    Path temp;

    @Test
    void classPathJarsAndClassDirectoriesAreReadOnlyExempt() throws IOException {
        Path base = temp.toRealPath();
        Path classes = Files.createDirectories(base.resolve("classes"));
        Path jar = Files.writeString(base.resolve("lib.jar"), "");
        ExemptPaths exempt = new ExemptPaths(List.of(classes.toString(), "lib.jar"), null, null, null, base.toString());
        assertTrue(exempt.readExempt(jar.toString()), "a relative class path entry is matched absolute");
        assertTrue(exempt.readExempt(classes + "/app/Main.class"));
        assertFalse(exempt.changeExempt(classes + "/app/Main.class"));
        assertFalse(exempt.readExempt(classes + "/../secret.txt"));
        assertFalse(exempt.readExempt(base + "/classes2/x"));
    }

    @Test
    void theTargetsOfJavaHomesConfigurationLinksAreReadExemptAsTheJdkReadsSomeByTheirCanonicalPath() throws IOException {
        Path base = temp.toRealPath();
        Path etc = Files.createDirectories(base.resolve("etc/java-17-openjdk"));
        Path netProperties = Files.writeString(etc.resolve("net.properties"), "java.net.useSystemProxies=false\n");
        Files.writeString(etc.resolve("unrelated.properties"), "");
        Path javaHome = Files.createDirectories(base.resolve("jvm/java-17"));
        Files.createSymbolicLink(Files.createDirectories(javaHome.resolve("conf")).resolve("net.properties"), netProperties);
        List<String> jvmPaths = new java.util.ArrayList<>(List.of(javaHome.toString()));
        jvmPaths.addAll(ExemptPaths.configurationLinks(javaHome));
        ExemptPaths exempt = new ExemptPaths(jvmPaths, null, null, null, base.toString());
        assertTrue(exempt.readExempt(netProperties.toString()), "what NetProperties opens after canonicalizing");
        assertFalse(exempt.changeExempt(netProperties.toString()));
        assertFalse(exempt.readExempt(etc.resolve("unrelated.properties").toString()), "only what java.home links to");
    }

    @Test
    void theAgentsOwnFilesAreExemptForTheAgentsThreadsOnly() throws Exception {
        Path base = temp.toRealPath();
        ClassLoader agentLoader = new URLClassLoader(new URL[0]);
        Path journal = base.resolve("journal");
        ExemptPaths exempt = new ExemptPaths(List.of(), journal, base.resolve("p.mandate"), agentLoader, base.toString());
        assertFalse(exempt.changeExempt(journal + "/20261125.cq4"), "the application touching the journal is decided");
        AtomicBoolean journalWriter = new AtomicBoolean();
        AtomicBoolean policyReader = new AtomicBoolean();
        Thread agentThread = new Thread(() -> {
            journalWriter.set(exempt.changeExempt(journal + "/20261125.cq4"));
            policyReader.set(exempt.readExempt(base + "/p.mandate"));
        });
        agentThread.setContextClassLoader(agentLoader);
        agentThread.start();
        agentThread.join();
        assertTrue(journalWriter.get());
        assertTrue(policyReader.get());
    }
}
