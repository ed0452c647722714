package org.lightbox.query.ui.internal.remote;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/**
 * The fields of a remote search: patient name, ID, birth date, sex, study date range, study time, accession
 * number, study ID, study UID, referring physician, description and modalities. Wildcards pass through; an empty
 * field matches anything. Enter in any field runs {@code onSubmit}.
 */
public final class QueryForm extends Composite {

    /** The fields by label (the label is also the widget's accessible name, which tests use). */
    private final Map<String, Text> fields = new LinkedHashMap<>();
    private final Combo sex;

    public QueryForm(Composite parent, Runnable onSubmit) {
        super(parent, SWT.NONE);
        GridLayout layout = new GridLayout(6, false);
        layout.marginWidth = 0;
        setLayout(layout);
        field("Patient name", "e.g. MÜLLER* or Sm?th", onSubmit);
        field("Patient ID", "", onSubmit);
        field("Birth date", "YYYYMMDD or a range from-to", onSubmit);
        new Label(this, SWT.NONE).setText("Sex");
        sex = new Combo(this, SWT.READ_ONLY);
        sex.setItems("", "F", "M", "O");
        sex.select(0);
        sex.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, false, false));
        field("Study date from", "YYYYMMDD", onSubmit);
        field("Study date to", "YYYYMMDD", onSubmit);
        field("Study time", "HHMM or 0800-1200", onSubmit);
        field("Accession number", "", onSubmit);
        field("Study ID", "", onSubmit);
        field("Study UID", "", onSubmit);
        field("Referring physician", "", onSubmit);
        field("Description", "e.g. *thorax*", onSubmit);
        field("Modalities", "e.g. CT MR", onSubmit);
    }

    private void field(String label, String hint, Runnable onSubmit) {
        new Label(this, SWT.NONE).setText(label);
        Text t = new Text(this, SWT.BORDER | SWT.SINGLE);
        t.setMessage(hint);
        t.setToolTipText(hint.isEmpty() ? "wildcards * and ? allowed; empty matches anything" : hint);
        t.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        t.addListener(SWT.DefaultSelection, e -> onSubmit.run());
        t.setData("name", label);
        fields.put(label, t);
    }

    /** The text field labelled {@code label} (for tests and for presetting a search). */
    public Text field(String label) {
        Text t = fields.get(label);
        if (t == null) {
            throw new IllegalArgumentException("no field '" + label + "'; there are " + fields.keySet());
        }
        return t;
    }

    public Combo sex() {
        return sex;
    }

    /** Empties every field. */
    public void clear() {
        fields.values().forEach(t -> t.setText(""));
        sex.select(0);
    }

    /** What the fields ask for now (not yet validated: {@link QueryCriteria}'s requests check the values). */
    public QueryCriteria criteria() {
        return new QueryCriteria(value("Patient name"), value("Patient ID"), value("Birth date"), sex.getText(),
                value("Study date from"), value("Study date to"), value("Study time"), value("Accession number"),
                value("Study ID"), value("Study UID"), value("Referring physician"), value("Description"),
                value("Modalities"));
    }

    private String value(String label) {
        return fields.get(label).getText();
    }
}
