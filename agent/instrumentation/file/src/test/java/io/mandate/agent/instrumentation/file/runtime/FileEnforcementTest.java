package io.mandate.agent.instrumentation.file.runtime;

import io.mandate.agent.testing.RecordingEnforcer;

import io.mandate.bootstrap.file.FileHooks;
import io.mandate.api.PolicyDenial;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decisions with the real policy library on real files: accesses, denials, journal records, exemptions. */
class FileEnforcementTest {
    @TempDir
    Path temp;

    private String root;
    private RecordingEnforcer enforcer;
    private FileEnforcement files;
    private final List<String> internalErrors = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        Path base = temp.toRealPath();
        root = base.toString();
        Files.createDirectories(base.resolve("kb/sub"));
        Files.createDirectories(base.resolve("out"));
        Files.createDirectories(base.resolve("secret"));
        Files.writeString(base.resolve("kb/a.txt"), "a");
        Files.writeString(base.resolve("out/old.txt"), "o");
        Files.writeString(base.resolve("secret/s.txt"), "s");
        enforcer = new RecordingEnforcer(String.join("\n",
                "policy \"t\"",
                "default deny",
                "agent \"*\" {",
                "  allow file read, list \"" + root + "/kb/**\"",
                "  allow file read, write, create, delete \"" + root + "/out/**\"",
                "  deny file * \"" + root + "/secret/**\" reason \"no secrets\"",
                "}"));
        ExemptPaths exempt = new ExemptPaths(List.of(System.getProperty("java.home")), null, null, null, root);
        files = new FileEnforcement(enforcer, new RealPaths(), exempt, root,
                (where, error) -> internalErrors.add(where + ": " + error));
    }

    private RecordingEnforcer.Recorded finish(Object call) {
        assertInstanceOf(FileEnforcement.FileCall.class, call);
        files.after(call, null);
        return last();
    }

    private RecordingEnforcer.Recorded last() {
        return enforcer.records.get(enforcer.records.size() - 1);
    }

    @Test
    void anAllowedReadIsJournaledWhenItReturns() {
        Object call = files.beforeIo(FileHooks.IO_READ, "kb/a.txt", null, 0);
        assertTrue(enforcer.records.isEmpty(), "nothing is journaled before the open is over");
        RecordingEnforcer.Recorded read = finish(call);
        assertEquals(List.of("read " + root + "/kb/a.txt"), read.accesses());
        assertEquals("ALLOW", read.verdict());
        assertEquals("read", read.operation());
        assertEquals(root + "/kb/a.txt", read.display());
    }

    @Test
    void aDeniedJavaIoOpenIsTheFileNotFoundExceptionOfAPermissionError() {
        Object denial = files.beforeIo(FileHooks.IO_READ, root + "/kb/../secret/s.txt", null, 0);
        FileNotFoundException thrown = assertInstanceOf(FileNotFoundException.class, denial);
        assertEquals(root + "/kb/../secret/s.txt (Mandate denied file read of " + root + "/secret/s.txt by rule "
                + "test.mandate:6: no secrets)", thrown.getMessage());
        assertEquals("test.mandate:6", ((PolicyDenial) thrown).ruleId());
        assertEquals("no secrets", ((PolicyDenial) thrown).reason());
        assertTrue(thrown.getStackTrace().length == 0
                || !thrown.getStackTrace()[0].getClassName().startsWith("io.mandate.agent."), "agent frames are cut");
        RecordingEnforcer.Recorded record = last();
        assertTrue(record.blocked());
        assertEquals(root + "/secret/s.txt (via " + root + "/kb/../secret/s.txt)", record.display());
    }

    @Test
    void aDeniedNioOperationIsAnAccessDeniedExceptionNamingBothFiles() {
        Object denial = files.beforeNio(FileHooks.NIO_COPY, Path.of(root, "kb/a.txt"), Path.of(root, "secret/c.txt"),
                null);
        AccessDeniedException thrown = assertInstanceOf(AccessDeniedException.class, denial);
        assertEquals(root + "/kb/a.txt", thrown.getFile());
        assertEquals(root + "/secret/c.txt", thrown.getOtherFile());
        assertEquals("Mandate denied file read of " + root + "/kb/a.txt; write, create of " + root
                + "/secret/c.txt by rule test.mandate:6: no secrets", thrown.getReason());
        assertEquals("copy", last().operation());
    }

    @Test
    void anOpenThatMayCreateAddsCreateOnlyForAFileThatDoesNotExistYet() {
        RecordingEnforcer.Recorded existing = finish(files.beforeIo(FileHooks.IO_WRITE, root + "/out/old.txt", null, 0));
        assertEquals(List.of("write " + root + "/out/old.txt"), existing.accesses());
        RecordingEnforcer.Recorded created = finish(files.beforeNio(FileHooks.NIO_OPEN, Path.of(root, "out/new.txt"), null,
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE)));
        assertEquals(List.of("write " + root + "/out/new.txt", "create " + root + "/out/new.txt",
                "delete " + root + "/out/new.txt"), created.accesses());
        assertEquals("create", created.operation());
        RecordingEnforcer.Recorded readOnly = finish(files.beforeNio(FileHooks.NIO_OPEN, Path.of(root, "kb/a.txt"), null,
                Set.of(StandardOpenOption.READ, StandardOpenOption.CREATE)));
        assertEquals(List.of("read " + root + "/kb/a.txt"), readOnly.accesses(), "CREATE without WRITE creates nothing");
    }

    @Test
    void aRandomAccessFileReadsAndWhenReadWriteWritesAndCreates() {
        assertEquals(List.of("read " + root + "/out/old.txt"),
                finish(files.beforeIo(FileHooks.IO_RANDOM_ACCESS, root + "/out/old.txt", null, 1)).accesses());
        assertEquals(List.of("read " + root + "/out/r.bin", "write " + root + "/out/r.bin", "create " + root + "/out/r.bin"),
                finish(files.beforeIo(FileHooks.IO_RANDOM_ACCESS, root + "/out/r.bin", null, 2)).accesses());
    }

    @Test
    void aRenameDeletesItsSourceAndWritesItsTarget() {
        assertEquals(List.of("delete " + root + "/out/old.txt", "write " + root + "/out/new.txt",
                        "create " + root + "/out/new.txt"),
                finish(files.beforeIo(FileHooks.IO_RENAME, root + "/out/old.txt", root + "/out/new.txt", 0)).accesses());
    }

    @Test
    void aHardLinkNeedsCreateOfItsNameAndReadAndWriteOfTheFileItShares() {
        Object denial = files.beforeNio(FileHooks.NIO_HARD_LINK, Path.of(root, "out/link"), Path.of(root, "secret/s.txt"),
                null);
        assertInstanceOf(AccessDeniedException.class, denial);
        assertEquals(List.of("create " + root + "/out/link", "read " + root + "/secret/s.txt",
                "write " + root + "/secret/s.txt"), last().accesses());
    }

    @Test
    void aDeleteOrRenameInThisJvmMakesTheNextDecisionResolveAgain() throws IOException {
        finish(files.beforeIo(FileHooks.IO_READ, root + "/kb/sub/x", null, 0));
        Path sub = Path.of(root, "kb/sub");
        Files.delete(sub);
        Files.createSymbolicLink(sub, Path.of(root, "secret"));
        finish(files.beforeNio(FileHooks.NIO_DELETE, Path.of(root, "out/old.txt"), null, null));
        assertInstanceOf(FileNotFoundException.class, files.beforeIo(FileHooks.IO_READ, root + "/kb/sub/x", null, 0));
        assertEquals(List.of("read " + root + "/secret/x"), last().accesses());
    }

    @Test
    void theJvmsOwnReadsAreNotDecided() {
        String javaHome = System.getProperty("java.home");
        assertNull(files.beforeIo(FileHooks.IO_READ, javaHome + "/lib/modules", null, 0));
        assertNull(files.beforeIo(FileHooks.IO_READ, "/dev/urandom", null, 0));
        assertNull(files.beforeIo(FileHooks.IO_WRITE, "/dev/null", null, 0));
        assertInstanceOf(FileNotFoundException.class, files.beforeIo(FileHooks.IO_WRITE, javaHome + "/lib/x", null, 0),
                "writes below java.home are decided");
        assertInstanceOf(FileNotFoundException.class,
                files.beforeIo(FileHooks.IO_READ, javaHome + "/../../../../../etc/passwd", null, 0),
                "a path that climbs out of java.home is decided where it leads");
        assertTrue(files.isCodeArchive("/lib/app.jar") && files.isCodeArchive("/jdk/jmods/java.base.jmod"));
        assertTrue(!files.isCodeArchive("/data/secrets.zip"));
    }

    @Test
    void anInternalErrorIsReportedAndLetsTheOperationThroughUndecided() {
        FileEnforcement broken = new FileEnforcement(null, new RealPaths(), new ExemptPaths(List.of(), null, null, null,
                root), root, (where, error) -> internalErrors.add(where));
        assertNull(broken.beforeIo(FileHooks.IO_READ, root + "/kb/a.txt", null, 0));
        assertEquals(List.of("file.decide"), internalErrors);
    }
}
