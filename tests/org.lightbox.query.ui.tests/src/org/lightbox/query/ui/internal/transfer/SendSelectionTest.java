package org.lightbox.query.ui.internal.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lightbox.catalog.SeriesRecord;
import org.lightbox.catalog.StudyRecord;
import org.lightbox.catalog.StudyState;
import org.lightbox.config.RemoteAe;
import org.lightbox.query.transfer.SendRequest;
import org.lightbox.storage.ui.StudyGroup;

/** "Send to..." sends the browser's selected studies and series; a series of a selected study goes with it. */
class SendSelectionTest {
    private static final RemoteAe PACS = new RemoteAe("PACS", "127.0.0.1", 104, false, "");

    private static StudyRecord study(String uid) {
        return new StudyRecord(uid, "P1", null, "DOE^J", null, null, "20240101", null, null, null, null, null, "CT",
                1, 1, 100, StudyState.RECEIVED, false, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH);
    }

    private static SeriesRecord series(String study, String uid) {
        return new SeriesRecord(study, uid, "CT", 1, null, null, 1);
    }

    @Test
    void studiesAndSeriesOfOtherStudiesAreSent() {
        List<Object> selection = List.of(study("1.1"), series("1.1", "1.1.1"), series("1.2", "1.2.1"), "a patient");
        assertTrue(SendSelection.sendable(selection));
        SendRequest r = SendSelection.request(PACS, selection, true);
        assertEquals(List.of("1.1"), r.studyUids());
        assertEquals(List.of("1.2.1"), r.seriesUids(), "the series of a selected study goes with the study");
        assertTrue(r.commit());
        assertEquals(PACS, r.destination());
    }

    @Test
    void aPatientRowSendsEveryStudyOfThePatient() {
        StudyGroup patient = () -> List.of(study("2.1"), study("2.2"));
        List<Object> selection = List.of(patient, series("2.1", "2.1.1"));
        assertTrue(SendSelection.sendable(selection));
        SendRequest r = SendSelection.request(PACS, selection, false);
        assertEquals(List.of("2.1", "2.2"), r.studyUids());
        assertEquals(List.of(), r.seriesUids(), "the series goes with its study");
        assertFalse(SendSelection.sendable(List.of((StudyGroup) List::of)), "an empty group sends nothing");
        assertEquals("DOE, J: 2 studies to PACS", SendSelection.label(selection, r), "named for the queue");
    }

    @Test
    void nothingSendableIsRefused() {
        assertFalse(SendSelection.sendable(List.of("text", 42)));
        assertThrows(IllegalArgumentException.class, () -> SendSelection.request(PACS, List.of("text"), false));
    }
}
