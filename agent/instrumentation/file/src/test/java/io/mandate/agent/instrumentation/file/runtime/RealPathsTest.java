package io.mandate.agent.instrumentation.file.runtime;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real directories and links in a temporary directory: where each path leads, and when the cache may answer. */
class RealPathsTest {
    @TempDir
    Path temp;

    private String root;
    private final AtomicLong clock = new AtomicLong(1_000);
    private final RealPaths paths = new RealPaths(clock::get);
    private final RealPaths.Resolved out = new RealPaths.Resolved();

    @BeforeEach
    void tree() throws IOException {
        Path base = temp.toRealPath();
        root = base.toString();
        Files.createDirectories(base.resolve("srv/kb"));
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("srv/kb/a.txt"), "a");
        Files.writeString(base.resolve("etc/passwd"), "p");
        Files.createSymbolicLink(base.resolve("srv/kb/escape"), base.resolve("etc"));
        Files.createSymbolicLink(base.resolve("srv/kb/alias.txt"), Path.of("a.txt"));
        Files.createSymbolicLink(base.resolve("srv/kb/dangling"), Path.of("../../etc/new.conf"));
        Files.createSymbolicLink(base.resolve("srv/kb/loop"), Path.of("loop"));
    }

    private String resolve(String path) {
        paths.resolve(root + path, out);
        return out.path.substring(root.length());
    }

    @Test
    void anExistingPathWithoutLinksIsItself() {
        assertEquals("/srv/kb/a.txt", resolve("/srv/kb/a.txt"));
        assertTrue(out.exists);
    }

    @Test
    void aMissingFileIsAppendedToItsRealDirectory() {
        assertEquals("/etc/new.txt", resolve("/srv/kb/escape/new.txt"));
        assertFalse(out.exists);
        assertEquals("/srv/kb/missing/deeper/x", resolve("/srv/kb/missing/deeper/x"));
        assertFalse(out.exists);
    }

    @Test
    void linksLeadWhereTheyPointAbsoluteOrRelative() {
        assertEquals("/etc/passwd", resolve("/srv/kb/escape/passwd"));
        assertTrue(out.exists);
        assertEquals("/srv/kb/a.txt", resolve("/srv/kb/alias.txt"));
    }

    @Test
    void dotDotIsTakenWhereTheKernelTakesItAfterTheLinksBeforeIt() {
        assertEquals("/etc/passwd", resolve("/srv/kb/../../etc/passwd"));
        // the link's parent, not the lexical parent: escape/.. is the directory holding etc
        assertEquals("/srv/kb/a.txt", resolve("/srv/kb/escape/../srv/kb/a.txt"));
    }

    @Test
    void aDanglingLinkLeadsToTheFileACreateThroughItWouldMake() {
        assertEquals("/etc/new.conf", resolve("/srv/kb/dangling"));
        assertFalse(out.exists);
    }

    @Test
    void aLinkLoopEndsWithoutResolving() {
        resolve("/srv/kb/loop");
        assertTrue(out.path.startsWith(root + "/srv/kb/loop"), out.path);
    }

    @Test
    void theCacheAnswersUntilANameChangesInThisJvm() throws IOException {
        Path kbSub = Path.of(root, "srv/kb/sub");
        Files.createDirectories(kbSub);
        assertEquals("/srv/kb/sub/x", resolve("/srv/kb/sub/x"));
        // the directory is replaced by a link out of kb/ behind the cache's back
        Files.delete(kbSub);
        Files.createSymbolicLink(kbSub, Path.of(root, "etc"));
        assertEquals("/srv/kb/sub/x", resolve("/srv/kb/sub/x"), "cached until told");
        paths.changed();
        assertEquals("/etc/x", resolve("/srv/kb/sub/x"));
    }

    @Test
    void theCacheForgetsAChangeMadeOutsideTheJvmAfterItsTimeToLive() throws IOException {
        Path kbSub = Path.of(root, "srv/kb/sub");
        Files.createDirectories(kbSub);
        assertEquals("/srv/kb/sub/x", resolve("/srv/kb/sub/x"));
        Files.delete(kbSub);
        Files.createSymbolicLink(kbSub, Path.of(root, "etc"));
        clock.addAndGet(RealPaths.TTL_NANOS);
        assertEquals("/etc/x", resolve("/srv/kb/sub/x"));
    }

    @Test
    void missingPathsAreNeverCached() throws IOException {
        assertEquals("/srv/kb/later", resolve("/srv/kb/later"));
        assertFalse(out.exists);
        Files.createSymbolicLink(Path.of(root, "srv/kb/later"), Path.of(root, "etc/passwd"));
        assertEquals("/etc/passwd", resolve("/srv/kb/later"), "no change was announced, yet the new link is followed");
    }

    @Test
    void theCacheIsBoundedAndStillAnswersRightWhenFull() {
        RealPaths small = new RealPaths(clock::get, 4);
        for (String path : new String[] {"/srv/kb/a.txt", "/srv/kb/alias.txt", "/etc/passwd", "/srv/kb/escape/passwd"}) {
            small.resolve(root + path, out);
            assertTrue(small.size() <= 4, "size " + small.size());
        }
        assertEquals(root + "/etc/passwd", out.path);
    }
}
