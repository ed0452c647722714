package org.lightbox.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The console lines of events that summarise several things. */
class NodeEventLinesTest {

    @Test
    void autoDeleteNamesTheStudiesItRemovedAndTheRuleOnce() {
        NodeEvent.StudiesDeleted two = new NodeEvent.StudiesDeleted(Instant.EPOCH, List.of("1.2.1", "1.2.2"),
                5_200_000, "auto-delete: store 9000000 bytes over its quota of 8000000");
        assertEquals("auto-delete removed 2 study(ies) (1.2.1, 1.2.2), 5.2 MB: store 9000000 bytes over its quota of "
                + "8000000", two.describe());
        NodeEvent.StudiesDeleted many = new NodeEvent.StudiesDeleted(Instant.EPOCH,
                List.of("1", "2", "3", "4", "5", "6", "7"), 999, "older than PT24H");
        assertEquals("auto-delete removed 7 study(ies) (1, 2, 3, 4, 5, ...), 999 bytes: older than PT24H",
                many.describe());
    }
}
