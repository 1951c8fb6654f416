package nl.wur.cip.helpdesk.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The floor is measured on the real disk of the folder: above its free space there is no room, at zero always room. */
class DiskFloorTest {
    @TempDir
    Path folder;

    @Test
    void aFloorAboveTheDisksFreeSpaceLeavesNoRoomAndOneBelowLeavesRoom() throws Exception {
        long free = Files.getFileStore(folder).getUsableSpace();
        assertFalse(new DiskFloor(folder, free + (1L << 40)).hasRoom(), "a terabyte more than is free");
        assertTrue(new DiskFloor(folder, Math.max(1, free / 2)).hasRoom(), "half of what is free");
        assertTrue(new DiskFloor(folder, 0).hasRoom(), "0 turns the floor off");
        assertTrue(DiskFloor.none().hasRoom());
    }

    @Test
    void aDataFolderNotYetCreatedIsMeasuredOnItsParentsDisk() {
        Path missing = folder.resolve("not").resolve("yet");
        assertFalse(new DiskFloor(missing, Long.MAX_VALUE).hasRoom());
        assertTrue(new DiskFloor(missing, 1).hasRoom());
    }

    @Test
    void runningLowIsLoggedOnceNotOnEveryRefusedWrite() {
        Logger logger = (Logger) LoggerFactory.getLogger(DiskFloor.class);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        logger.addAppender(captured);
        try {
            DiskFloor full = new DiskFloor(folder, Long.MAX_VALUE);
            for (int i = 0; i < 20; i++) {
                full.hasRoom();
            }
        } finally {
            logger.detachAppender(captured);
        }
        assertEquals(1, captured.list.size(), captured.list.toString());
        assertTrue(captured.list.get(0).getFormattedMessage().contains("escalations still are"));
    }

    @Test
    void aNegativeFloorIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DiskFloor(folder, -1));
    }
}
