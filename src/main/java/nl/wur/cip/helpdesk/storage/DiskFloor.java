package nl.wur.cip.helpdesk.storage;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The free space the data folder's disk must keep for what may not be lost: below it, optional writes (feedback, the
 * unanswered-question log, checklist records) are refused, so escalations still fit when someone fills the disk.
 */
public final class DiskFloor {
    private static final Logger LOG = LoggerFactory.getLogger(DiskFloor.class);

    private final Path folder;
    private final long minFreeBytes;
    private final AtomicBoolean reportedLow = new AtomicBoolean();
    /** Found once: looking a file store up reads the mount table, while its free space is one cheap system call. */
    private volatile FileStore store;

    /** @param minFreeBytes the free space to keep; 0 turns the floor off */
    public DiskFloor(Path folder, long minFreeBytes) {
        if (minFreeBytes < 0) {
            throw new IllegalArgumentException("the free-space floor cannot be negative");
        }
        this.folder = folder.toAbsolutePath();
        this.minFreeBytes = minFreeBytes;
    }

    /** No floor: for in-memory databases in tests and tools. */
    public static DiskFloor none() {
        return new DiskFloor(Path.of("."), 0);
    }

    /** Whether an optional write may go ahead; logs once when space runs low and once when it is back. */
    public boolean hasRoom() {
        if (minFreeBytes == 0) {
            return true;
        }
        long free;
        try {
            FileStore found = store;
            if (found == null) {
                found = Files.getFileStore(existing(folder));
                store = found;
            }
            free = found.getUsableSpace();
        } catch (IOException | SecurityException e) {
            return true; // cannot tell: the database itself still refuses what does not fit (a 503, see
            // StorageException)
        }
        boolean room = free >= minFreeBytes;
        if (!room && reportedLow.compareAndSet(false, true)) {
            LOG.warn(
                    "data folder {} has {} MB free, under the floor of {} MB: feedback, checklist records and the"
                            + " unanswered log are not stored until there is room; escalations still are",
                    folder,
                    free >> 20,
                    minFreeBytes >> 20);
        } else if (room && reportedLow.compareAndSet(true, false)) {
            LOG.info("data folder {} has {} MB free again: storing everything", folder, free >> 20);
        }
        return room;
    }

    /** The data folder may not exist yet (an external database): its nearest existing parent is on the same disk. */
    private static Path existing(Path path) {
        Path p = path;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p == null ? Path.of(".").toAbsolutePath() : p;
    }
}
