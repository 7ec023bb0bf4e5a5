package io.mandate.agent.instrumentation.file.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Where a path really leads: every symbolic link followed and every {@code ..} taken where the
 * kernel takes it (after the links before it), for as much of the path as exists; a missing tail
 * is appended to the real path of its existing part, and a dangling link leads to its target.
 *
 * Resolving costs a system call per segment the first time, which an open cannot afford each time
 * (an open of a small file costs about 6 µs; a realpath of a 5-segment path about 1.5 µs). So the
 * real path of every existing path and prefix met is cached, and a path is answered from the cache
 * without a system call when the cache is current. What makes an entry stale is a name changing what
 * it refers to: a delete, a rename or a new symbolic link. Every such change made in this JVM through
 * the APIs the agent hooks calls {@link #changed()}, which invalidates the whole cache at once (a
 * generation counter); a change made outside the JVM (another process, a program this JVM started)
 * is seen within {@link #TTL_NANOS}, after which every entry is resolved again. Entries record the
 * generation read before their system calls, so a resolution racing a change cannot store a stale
 * answer as current. The cache is bounded: past {@link #MAX_ENTRIES} it starts over.
 */
public final class RealPaths {
    static final int MAX_ENTRIES = 8192;
    static final long TTL_NANOS = 1_000_000_000L;
    /** The kernel's own limit on links followed in one lookup (ELOOP). */
    static final int MAX_LINKS = 40;

    /** Where a path leads, and whether it exists; one per thread and slot, reused. */
    public static final class Resolved {
        public String path;
        public boolean exists;

        void set(String newPath, boolean newExists) {
            path = newPath;
            exists = newExists;
        }
    }

    private static final class Entry {
        final String real;
        final long generation;
        final long storedNanos;

        Entry(String real, long generation, long storedNanos) {
            this.real = real;
            this.generation = generation;
            this.storedNanos = storedNanos;
        }
    }

    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final LongSupplier nanoClock;
    private final int maxEntries;

    public RealPaths() {
        this(System::nanoTime, MAX_ENTRIES);
    }

    RealPaths(LongSupplier nanoClock) {
        this(nanoClock, MAX_ENTRIES);
    }

    RealPaths(LongSupplier nanoClock, int maxEntries) {
        this.nanoClock = nanoClock;
        this.maxEntries = maxEntries;
    }

    /**
     * Resolves {@code absolute} (as {@link LexicalPaths#absolute} makes it) into {@code out}.
     * Never throws for a path the file system cannot answer: its unanswered part is taken as missing.
     */
    public void resolve(String absolute, Resolved out) {
        long current = generation.get();
        long now = nanoClock.getAsLong();
        Entry known = cache.get(absolute);
        if (known != null && known.generation == current && now - known.storedNanos < TTL_NANOS) {
            out.set(known.real, true);
            return;
        }
        walk(absolute, out, current, now, 0);
    }

    /** A name in the file system may refer to something else now: nothing cached is trusted any more. */
    public void changed() {
        generation.incrementAndGet();
    }

    int size() {
        return cache.size();
    }

    private void walk(String absolute, Resolved out, long current, long now, int links) {
        if (absolute.length() <= 1) {
            out.set("/", true);
            return;
        }
        Entry known = cache.get(absolute);
        if (known != null && known.generation == current && now - known.storedNanos < TTL_NANOS) {
            out.set(known.real, true);
            return;
        }
        int slash = absolute.lastIndexOf('/');
        String name = absolute.substring(slash + 1);
        walk(slash == 0 ? "/" : absolute.substring(0, slash), out, current, now, links);
        String realParent = out.path;
        if (!out.exists) {
            out.set(child(realParent, name), false);
            return;
        }
        if (name.equals("..")) {
            int up = realParent.lastIndexOf('/');
            String real = up <= 0 ? "/" : realParent.substring(0, up);
            remember(absolute, real, current, now);
            out.set(real, true);
            return;
        }
        String candidate = child(realParent, name);
        BasicFileAttributes attributes = attributesOf(candidate);
        if (attributes == null) {
            out.set(candidate, false);
            return;
        }
        if (attributes.isSymbolicLink() && links < MAX_LINKS) {
            String target = linkTarget(candidate);
            if (target != null) {
                String next = LexicalPaths.absolute(target, realParent);
                walk(next, out, current, now, links + 1);
                if (out.exists) {
                    remember(absolute, out.path, current, now);
                }
                return;
            }
        }
        remember(absolute, candidate, current, now);
        out.set(candidate, true);
    }

    private void remember(String absolute, String real, long current, long now) {
        if (cache.size() >= maxEntries) {
            cache.clear();
        }
        cache.put(absolute, new Entry(real, current, now));
    }

    private static String child(String directory, String name) {
        return directory.length() == 1 ? "/" + name : directory + '/' + name;
    }

    private static BasicFileAttributes attributesOf(String path) {
        try {
            return Files.readAttributes(Path.of(path), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | RuntimeException e) {
            return null; // missing, or a segment the process cannot search: the open fails the same way
        }
    }

    private static String linkTarget(String link) {
        try {
            return Files.readSymbolicLink(Path.of(link)).toString();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
