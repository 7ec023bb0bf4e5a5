package io.mandate.agent.journal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.RollingResourcesCache;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * Decides which old cycle files of the journal directory retention removes, and removes them (on
 * the writer thread, after the writer has journaled the removal). Only whole cycle files strictly
 * older than the writer's current cycle are ever removed, oldest first, so what remains is always
 * every file from some cycle on: the verifier relies on that.
 */
final class RetentionSweeper {
    static final String CYCLE_FILE_SUFFIX = ".cq4";

    private final Path directory;
    private final RollCycle rollCycle;
    private final long epochMillis;
    private final RollingResourcesCache names;
    private final long maxBytes;
    private final Duration maxAge;

    /** What one sweep removes: the files, oldest first, and the oldest cycle that stays. */
    static final class Sweep {
        final List<Path> files;
        final int retainedFromCycle;
        final long bytes;
        final String reason;

        Sweep(List<Path> files, int retainedFromCycle, long bytes, String reason) {
            this.files = files;
            this.retainedFromCycle = retainedFromCycle;
            this.bytes = bytes;
            this.reason = reason;
        }

        List<String> fileNames() {
            List<String> result = new ArrayList<>(files.size());
            for (Path file : files) {
                result.add(file.getFileName().toString());
            }
            return result;
        }
    }

    RetentionSweeper(SingleChronicleQueue queue, Path directory, long maxBytes, Duration maxAge) {
        this.directory = directory;
        this.rollCycle = queue.rollCycle();
        this.epochMillis = queue.epoch();
        this.names = cycleNames(queue);
        this.maxBytes = maxBytes;
        this.maxAge = maxAge;
    }

    /** Chronicle's own mapping between cycle numbers and file names, for any journal queue. */
    static RollingResourcesCache cycleNames(SingleChronicleQueue queue) {
        File dir = queue.file();
        return new RollingResourcesCache(queue.rollCycle(), queue.epoch(),
                name -> new File(dir, name + CYCLE_FILE_SUFFIX),
                file -> file.getName().substring(0, file.getName().length() - CYCLE_FILE_SUFFIX.length()));
    }

    boolean enabled() {
        return maxBytes > 0 || maxAge != null;
    }

    /**
     * The files to remove now, or null when none is due. Files of {@code currentCycle} or later
     * are never candidates: the writers are appending to them.
     */
    Sweep plan(int currentCycle, long nowMillis) throws IOException {
        if (!enabled()) {
            return null;
        }
        TreeMap<Integer, Path> cycles = new TreeMap<>();
        TreeMap<Integer, Long> sizes = new TreeMap<>();
        long total = 0;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (!name.endsWith(CYCLE_FILE_SUFFIX)) {
                    continue;
                }
                int cycle;
                try {
                    cycle = names.parseCount(name.substring(0, name.length() - CYCLE_FILE_SUFFIX.length()));
                } catch (RuntimeException notACycleFile) {
                    continue; // another roll cycle's file or a stranger: never ours to delete
                }
                long size;
                try {
                    size = Files.size(file);
                } catch (IOException vanished) {
                    continue; // another writer's sweep removed it meanwhile
                }
                cycles.put(cycle, file);
                sizes.put(cycle, size);
                total += size;
            }
        }
        List<Path> remove = new ArrayList<>();
        long removedBytes = 0;
        int retainedFrom = Integer.MIN_VALUE;
        boolean byAge = false;
        boolean bySize = false;
        for (var entry : cycles.entrySet()) {
            int cycle = entry.getKey();
            if (cycle >= currentCycle) {
                break;
            }
            boolean tooOld = maxAge != null && cycleEndMillis(cycle) <= nowMillis - maxAge.toMillis();
            boolean overSize = maxBytes > 0 && total - removedBytes > maxBytes;
            if (!tooOld && !overSize) {
                break;
            }
            byAge |= tooOld;
            bySize |= overSize && !tooOld;
            remove.add(entry.getValue());
            removedBytes += sizes.get(cycle);
            retainedFrom = cycle + 1;
        }
        if (remove.isEmpty()) {
            return null;
        }
        String reason = (byAge ? "journalMaxAge " + maxAge : "")
                + (byAge && bySize ? ", " : "") + (bySize ? "journalMaxSize " + maxBytes + " bytes" : "");
        return new Sweep(remove, retainedFrom, removedBytes, reason);
    }

    /** Deletes the files of a sweep; one that is already gone (another writer's sweep) is fine. */
    void delete(Sweep sweep, FailureReporter failures) {
        for (Path file : sweep.files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException | RuntimeException e) {
                failures.report(FailureReporter.Kind.RETENTION, e);
            }
        }
    }

    private long cycleEndMillis(int cycle) {
        return (long) (cycle + 1) * rollCycle.lengthInMillis() + epochMillis;
    }
}
