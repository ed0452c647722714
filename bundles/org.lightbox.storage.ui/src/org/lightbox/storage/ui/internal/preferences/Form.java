package org.lightbox.storage.ui.internal.preferences;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

/** Widgets of a two-column form (label, field), as the configuration pages lay them out. */
final class Form {

    private final Composite parent;
    private final Runnable changed;

    /** Widgets on {@code parent} (a two-column grid) that call {@code changed} when edited. */
    Form(Composite parent, Runnable changed) {
        this.parent = parent;
        this.changed = changed;
    }

    Text text(String label, String value, String tip) {
        label(label);
        Text t = new Text(parent, SWT.BORDER);
        t.setText(value);
        t.setToolTipText(tip);
        t.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        t.addListener(SWT.Modify, e -> changed.run());
        return t;
    }

    Spinner spinner(String label, int min, int max, int value, String tip) {
        label(label);
        Spinner s = new Spinner(parent, SWT.BORDER);
        s.setValues(value, min, max, 0, 1, 10);
        s.setToolTipText(tip);
        s.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, false, false));
        s.addListener(SWT.Modify, e -> changed.run());
        return s;
    }

    Button check(String text, boolean value, String tip) {
        Button b = new Button(parent, SWT.CHECK);
        b.setText(text);
        b.setSelection(value);
        b.setToolTipText(tip);
        b.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        b.addListener(SWT.Selection, e -> changed.run());
        return b;
    }

    Label label(String text) {
        Label l = new Label(parent, SWT.NONE);
        l.setText(text);
        return l;
    }

    /** A wrapped explanation across both columns. */
    Label note(String text) {
        Label l = new Label(parent, SWT.WRAP);
        l.setText(text);
        GridData d = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
        d.widthHint = 420;
        l.setLayoutData(d);
        return l;
    }

    /** An integer from a text field, with the field's name in the complaint. */
    static int integer(Text field, String name) {
        String s = field.getText().strip();
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + s + "' is not a whole number");
        }
    }
}
