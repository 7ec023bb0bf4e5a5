package io.mandate.agent.journal;

/**
 * A journal record could not be decoded. Everything before {@link #index()} was read; when the
 * record's frame was intact ({@link #resumable()}) reading may go on with the next record.
 */
public final class CorruptJournalException extends Exception {
    private static final long serialVersionUID = 1L;

    private final long index;
    private final long position;
    private final boolean resumable;

    CorruptJournalException(String detail, long index, long position, boolean resumable, Throwable cause) {
        super(String.format("corrupt journal record at index 0x%x (file position %d): %s", index, position, detail), cause);
        this.index = index;
        this.position = position;
        this.resumable = resumable;
    }

    /** Chronicle index of the bad record (or of the last good one + 1 when the frame itself broke). */
    public long index() {
        return index;
    }

    /** Byte position of the record in its cycle file, or -1 when unknown. */
    public long position() {
        return position;
    }

    public boolean resumable() {
        return resumable;
    }
}
