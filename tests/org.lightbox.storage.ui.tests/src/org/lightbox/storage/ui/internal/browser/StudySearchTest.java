package org.lightbox.storage.ui.internal.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.lightbox.catalog.FindQuery;
import org.lightbox.catalog.QueryLevel;
import org.lightbox.dicom.core.Tag;

class StudySearchTest {

    @Test
    void buildsAStudyLevelIdentifier() {
        FindQuery q = new StudySearch(" doe^j* ", "P?1", LocalDate.of(2024, 1, 2), null, "mr").query();
        assertEquals(QueryLevel.STUDY, q.level());
        assertEquals("doe^j*", q.keys().getString(Tag.PatientName));
        assertEquals("P?1", q.keys().getString(Tag.PatientID));
        assertEquals("20240102-", q.keys().getString(Tag.StudyDate));
        assertEquals("MR", q.keys().getString(Tag.ModalitiesInStudy));
        assertTrue(q.options().caseInsensitivePersonNames());
    }

    @Test
    void dateRanges() {
        assertEquals("", StudySearch.ALL.dateRange());
        assertEquals("-20240131", new StudySearch("", "", null, LocalDate.of(2024, 1, 31), "").dateRange());
        assertEquals("20240101-20240131", new StudySearch("", "", LocalDate.of(2024, 1, 1),
                LocalDate.of(2024, 1, 31), "").dateRange());
        assertThrows(IllegalArgumentException.class,
                () -> new StudySearch("", "", LocalDate.of(2024, 2, 1), LocalDate.of(2024, 1, 31), ""));
    }

    @Test
    void parsesTypedDates() {
        assertEquals(LocalDate.of(2024, 3, 5), StudySearch.parseDate("20240305", "From"));
        assertEquals(LocalDate.of(2024, 3, 5), StudySearch.parseDate(" 2024-03-05 ", "From"));
        assertNull(StudySearch.parseDate("  ", "From"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StudySearch.parseDate("2024-02-30", "To"));
        assertTrue(e.getMessage().contains("To date \"2024-02-30\""), e.getMessage());
    }

    @Test
    void displayTexts() {
        assertEquals("Doe, John Q", DisplayText.personName("Doe^John^Q"));
        assertEquals("Doe", DisplayText.personName("Doe"));
        assertEquals("Doe, John", DisplayText.personName("Doe^John=ドウ^ジョン"));
        assertEquals("2024-03-05", DisplayText.date("20240305"));
        assertEquals("10:15:30", DisplayText.time("101530.25"));
        assertEquals("10:15", DisplayText.time("1015"));
        assertEquals("CT, PT", DisplayText.modalities("CT\\PT"));
    }
}
