package org.lightbox.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ActivityLogTest implements DatabaseUnderTest {

    private final DriverConnectionSource db = newDatabase();
    private Catalog catalog;
    private ActivityLog log;
    private final Instant t0 = Instant.parse("2025-03-01T08:00:00Z");

    @BeforeEach
    void open() throws Exception {
        catalog = Catalog.open(db, CatalogSettings.DEFAULT);
        log = catalog.activityLog();
    }

    @AfterEach
    void close() {
        catalog.close();
        dropDatabase(db);
    }

    @Test
    void associationsAreReadBackNewestFirstWithinTheRange() throws Exception {
        for (int i = 0; i < 5; i++) {
            log.log(new AssociationEvent(0, t0.plusSeconds(60L * i), AssociationEvent.Direction.INBOUND, "CT" + i,
                    "LIGHTBOX", "10.0.0." + i, 4000 + i, AssociationEvent.Outcome.ACCEPTED, null));
        }
        long id = log.log(new AssociationEvent(0, t0.plusSeconds(30), AssociationEvent.Direction.OUTBOUND,
                "LIGHTBOX", "PACS", "pacs.example", 104, AssociationEvent.Outcome.REJECTED, "called AE not recognized"));
        assertTrue(id > 0);
        List<AssociationEvent> all = log.associations(null, null, 0);
        assertEquals(6, all.size());
        assertEquals("CT4", all.get(0).callingAet());
        List<AssociationEvent> window = log.associations(t0.plusSeconds(30), t0.plusSeconds(120), 0);
        assertEquals(List.of("CT1", "LIGHTBOX"), window.stream().map(AssociationEvent::callingAet).toList(),
                "from inclusive, to exclusive");
        AssociationEvent rejected = window.get(1);
        assertEquals(id, rejected.id());
        assertEquals(t0.plusSeconds(30), rejected.time());
        assertEquals(AssociationEvent.Outcome.REJECTED, rejected.outcome());
        assertEquals(AssociationEvent.Direction.OUTBOUND, rejected.direction());
        assertEquals("called AE not recognized", rejected.detail());
        assertEquals(104, rejected.remotePort());
        assertEquals(2, log.associations(null, null, 2).size());
    }

    @Test
    void receivesAndSendsKeepTheirFields() throws Exception {
        log.log(new ReceiveEvent(0, t0, "CT1", "LIGHTBOX", "10.1.1.1", "P1", "Müller^Jürgen", "1.2.3", 300,
                150_000_000L, TransferOutcome.SUCCESS, 0, null));
        log.log(new SendEvent(0, t0.plusSeconds(5), "LIGHTBOX", "PACS", "pacs", "P1", "Müller^Jürgen", "1.2.3", 298,
                2, 149_000_000L, TransferOutcome.WARNING, 0xB000, 17L, "2 failed"));
        ReceiveEvent r = log.receives(t0, null, 0).get(0);
        assertEquals("Müller^Jürgen", r.patientName());
        assertEquals(300, r.instances());
        assertEquals(150_000_000L, r.bytes());
        assertEquals(TransferOutcome.SUCCESS, r.outcome());
        assertEquals(0, r.status());
        assertNull(r.detail());
        SendEvent s = log.sends(null, t0.plusSeconds(6), 0).get(0);
        assertEquals(2, s.failed());
        assertEquals(0xB000, s.status());
        assertEquals(17L, s.jobId());
        assertEquals(TransferOutcome.WARNING, s.outcome());
        assertEquals(0, log.sends(t0.plusSeconds(6), null, 0).size());
        assertEquals(2, log.purge(t0.plusSeconds(10)));
        assertTrue(log.receives(null, null, 0).isEmpty());
    }
}
