package org.lightbox.storage.ui.internal.browser;

import java.time.LocalDate;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.RowData;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/**
 * The search fields above the tree: patient name and ID (DICOM wildcards), a Study Date range and a modality.
 * Enter in a field or the Search button runs the search; Clear shows everything again.
 */
final class SearchBar extends Composite {

    private static final String[] MODALITIES = { "", "CR", "CT", "DX", "ES", "IO", "MG", "MR", "NM", "OT", "PT",
        "RF", "SC", "SR", "US", "XA" };

    final Text patientName;
    final Text patientId;
    final Text from;
    final Text to;
    final Combo modality;
    final Button search;
    final Button clear;

    SearchBar(Composite parent, Runnable onSearch) {
        super(parent, SWT.NONE);
        // wraps onto more rows in a narrow column instead of squeezing fields to nothing
        RowLayout layout = new RowLayout(SWT.HORIZONTAL);
        layout.wrap = true;
        layout.center = true;
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        layout.marginLeft = 0;
        layout.marginTop = 0;
        layout.marginRight = 0;
        layout.marginBottom = 0;
        setLayout(layout);
        patientName = text("Patient name (DOE^J*)", 160,
                "Patient's Name as DICOM matches it: '*' any characters, '?' one; case is ignored. Family^Given.");
        patientId = text("Patient ID", 90, "Patient ID; '*' and '?' are wildcards");
        from = text("From YYYYMMDD", 95, "First study date (YYYYMMDD or YYYY-MM-DD); empty for no limit");
        new Label(this, SWT.NONE).setText("-");
        to = text("To YYYYMMDD", 95, "Last study date (YYYYMMDD or YYYY-MM-DD); empty for no limit");
        modality = new Combo(this, SWT.DROP_DOWN);
        modality.setItems(MODALITIES);
        modality.setToolTipText("A modality of the study (any of its series)");
        modality.setLayoutData(new RowData(70, SWT.DEFAULT));
        modality.addListener(SWT.DefaultSelection, e -> onSearch.run());
        modality.addListener(SWT.Selection, e -> onSearch.run());
        search = new Button(this, SWT.PUSH);
        search.setText("Search");
        search.addListener(SWT.Selection, e -> onSearch.run());
        clear = new Button(this, SWT.PUSH);
        clear.setText("Clear");
        clear.addListener(SWT.Selection, e -> {
            set(StudySearch.ALL);
            onSearch.run();
        });
        for (Text t : new Text[] { patientName, patientId, from, to }) {
            t.addListener(SWT.DefaultSelection, e -> onSearch.run());
        }
    }

    private Text text(String hint, int width, String tip) {
        Text t = new Text(this, SWT.BORDER | SWT.SEARCH);
        t.setMessage(hint);
        t.setToolTipText(tip);
        t.setLayoutData(new RowData(width, SWT.DEFAULT));
        return t;
    }

    /**
     * The search the fields describe.
     *
     * @throws IllegalArgumentException when a date is malformed or the range is reversed (the message says which)
     */
    StudySearch value() {
        LocalDate f = StudySearch.parseDate(from.getText(), "From");
        LocalDate t = StudySearch.parseDate(to.getText(), "To");
        return new StudySearch(patientName.getText(), patientId.getText(), f, t, modality.getText());
    }

    /** Fills the fields (without searching). */
    void set(StudySearch s) {
        patientName.setText(s.patientName());
        patientId.setText(s.patientId());
        from.setText(s.from() == null ? "" : s.from().toString());
        to.setText(s.to() == null ? "" : s.to().toString());
        modality.setText(s.modality());
    }
}
