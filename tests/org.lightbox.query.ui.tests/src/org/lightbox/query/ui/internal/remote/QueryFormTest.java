package org.lightbox.query.ui.internal.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lightbox.catalog.InformationModel;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;

/** Every field of the form lands in its key of the identifier; Enter in a field searches; Clear empties all. */
class QueryFormTest {
    private final Shell shell = new Shell(Display.getDefault());

    @AfterEach
    void close() {
        shell.dispose();
    }

    @Test
    void everyFieldBecomesItsKey() {
        AtomicInteger submitted = new AtomicInteger();
        QueryForm form = new QueryForm(shell, submitted::incrementAndGet);
        form.field("Patient name").setText("SM?TH*");
        form.field("Patient ID").setText("RQ*");
        form.field("Birth date").setText("19800101-");
        form.sex().select(form.sex().indexOf("F"));
        form.field("Study date from").setText("2023-11-01");
        form.field("Study date to").setText("2023-11-30");
        form.field("Study time").setText("0900-1000");
        form.field("Accession number").setText("ACC*");
        form.field("Study ID").setText("S3");
        form.field("Study UID").setText("1.2.3\\1.2.4");
        form.field("Referring physician").setText("WHO*");
        form.field("Description").setText("*Head*");
        form.field("Modalities").setText("ct mr");
        Attributes id = form.criteria().studyRequest(InformationModel.STUDY_ROOT, null).identifier();
        assertEquals("SM?TH*", id.getString(Tag.PatientName));
        assertEquals("RQ*", id.getString(Tag.PatientID));
        assertEquals("19800101-", id.getString(Tag.PatientBirthDate));
        assertEquals("F", id.getString(Tag.PatientSex));
        assertEquals("20231101-20231130", id.getString(Tag.StudyDate));
        assertEquals("0900-1000", id.getString(Tag.StudyTime));
        assertEquals("ACC*", id.getString(Tag.AccessionNumber));
        assertEquals("S3", id.getString(Tag.StudyID));
        assertArrayEquals(new String[] { "1.2.3", "1.2.4" }, id.getStrings(Tag.StudyInstanceUID));
        assertEquals("WHO*", id.getString(Tag.ReferringPhysicianName));
        assertEquals("*Head*", id.getString(Tag.StudyDescription));
        assertArrayEquals(new String[] { "CT", "MR" }, id.getStrings(Tag.ModalitiesInStudy));

        form.field("Accession number").notifyListeners(SWT.DefaultSelection, new org.eclipse.swt.widgets.Event());
        assertEquals(1, submitted.get(), "Enter in a field searches");

        form.clear();
        Attributes all = form.criteria().studyRequest(InformationModel.STUDY_ROOT, null).identifier();
        for (int tag : new int[] { Tag.PatientName, Tag.PatientSex, Tag.StudyDate, Tag.ModalitiesInStudy }) {
            String v = all.getString(tag);
            if (v != null && !v.isEmpty()) {
                assertNull(v, Tag.toString(tag) + " is universal after Clear");
            }
        }
    }
}
