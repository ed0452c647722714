package org.lightbox.viewer.internal;

import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;
import org.lightbox.viewer.SeriesFrame;

/** The Tags view's widget: a filter field over the monospace dump of the displayed image's file. */
public final class DumpPanel extends Composite {

    private final Text filter;
    private final StyledText text;
    private String dump = "";
    private SeriesFrame frameShown;

    public DumpPanel(Composite parent, int style) {
        super(parent, style);
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = layout.marginHeight = 0;
        setLayout(layout);
        filter = new Text(this, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
        filter.setMessage("Filter tags (tag, keyword or value)");
        filter.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        filter.addModifyListener(e -> refresh());
        text = new StyledText(this, SWT.READ_ONLY | SWT.H_SCROLL | SWT.V_SCROLL);
        text.setFont(JFaceResources.getTextFont());
        text.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
    }

    /** Shows the dump of {@code frame}'s file; a frame of the file already shown costs nothing. */
    public void show(SeriesFrame frame) {
        checkWidget();
        if (frame != null && frameShown != null && frame.dicomFile() != null
                && frame.dicomFile() == frameShown.dicomFile()) {
            return;
        }
        frameShown = frame;
        dump = TagsDump.of(frame);
        refresh();
    }

    public void setFilter(String query) {
        filter.setText(query == null ? "" : query); // the modify listener refreshes
    }

    /** The text on display (after the filter). */
    public String text() {
        return text.getText();
    }

    private void refresh() {
        int top = text.getTopIndex();
        text.setText(TagsDump.filter(dump, filter.getText()));
        text.setTopIndex(Math.min(top, text.getLineCount() - 1));
    }
}
