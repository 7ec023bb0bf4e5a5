package io.mandate.agent.instrumentation.file.runtime;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LexicalPathsTest {
    @Test
    void aCleanAbsolutePathIsReturnedAsItIs() {
        String path = "/srv/kb/a.txt";
        assertSame(path, LexicalPaths.absolute(path, "/work"));
        assertSame("/", LexicalPaths.absolute("/", "/work"));
    }

    @Test
    void relativePathsResolveAgainstTheWorkingDirectory() {
        assertEquals("/work/data/x.txt", LexicalPaths.absolute("data/x.txt", "/work"));
        assertEquals("/work/data/x.txt", LexicalPaths.absolute("./data//x.txt", "/work"));
        assertEquals("/work", LexicalPaths.absolute("", "/work"));
        assertEquals("/work", LexicalPaths.absolute(".", "/work"));
    }

    @Test
    void emptyAndDotSegmentsAndTrailingSlashesGoButDotDotStays() {
        assertEquals("/srv/kb/a.txt", LexicalPaths.absolute("//srv/./kb//a.txt/", "/work"));
        assertEquals("/srv/kb/../../etc/passwd", LexicalPaths.absolute("/srv/kb/../../etc/passwd", "/work"));
        assertEquals("/srv/kb/..", LexicalPaths.absolute("/srv/kb/../.", "/work"));
        assertEquals("/srv/.hidden/..x", LexicalPaths.absolute("/srv/.hidden/..x", "/work"));
    }

    @Test
    void climbsSeesOnlyWholeDotDotSegments() {
        assertTrue(LexicalPaths.climbs("/srv/kb/../etc"));
        assertTrue(LexicalPaths.climbs("/srv/kb/.."));
        assertFalse(LexicalPaths.climbs("/srv/kb/..x/y"));
        assertFalse(LexicalPaths.climbs("/srv/kb/x.."));
    }

    @Test
    void isWithinMatchesWholeSegments() {
        assertTrue(LexicalPaths.isWithin("/srv/kb", "/srv/kb"));
        assertTrue(LexicalPaths.isWithin("/srv/kb/a", "/srv/kb"));
        assertFalse(LexicalPaths.isWithin("/srv/kb2/a", "/srv/kb"));
        assertTrue(LexicalPaths.isWithin("/anything", "/"));
    }
}
