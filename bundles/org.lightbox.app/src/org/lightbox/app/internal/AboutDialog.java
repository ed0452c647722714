package org.lightbox.app.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.lightbox.config.BuildInfo;
import org.lightbox.config.LightboxHome;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * Version, build, runtime and data folder, plus the Lightbox bundles installed: what a site integrator needs to
 * report a problem or check an update.
 */
public class AboutDialog extends Dialog {

    /** Data key on the version label, for tests that find it among the dialog's widgets. */
    public static final String VERSION_LABEL = "org.lightbox.app.about.version";

    private Font titleFont;

    public AboutDialog(Shell parent) {
        super(parent);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("About Lightbox");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        BuildInfo build = BuildInfo.current();

        Label title = new Label(area, SWT.NONE);
        title.setText("Lightbox");
        FontData[] data = title.getFont().getFontData();
        for (FontData d : data) {
            d.setHeight(d.getHeight() * 2);
            d.setStyle(SWT.BOLD);
        }
        titleFont = new Font(title.getDisplay(), data);
        title.setFont(titleFont);

        Label subtitle = new Label(area, SWT.NONE);
        subtitle.setText("DICOM imaging workbench and node");

        Label version = new Label(area, SWT.NONE);
        version.setText("Version " + build.version() + "    Build " + build.build());
        version.setData(VERSION_LABEL, Boolean.TRUE);

        Label runtime = new Label(area, SWT.NONE);
        runtime.setText("Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor")
                + "), " + System.getProperty("os.name") + " " + System.getProperty("os.arch"));

        Label home = new Label(area, SWT.NONE);
        home.setText("Data folder: " + LightboxHome.current());

        Table bundles = new Table(area, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
        bundles.setHeaderVisible(true);
        new TableColumn(bundles, SWT.LEFT).setText("Installed Lightbox bundle");
        new TableColumn(bundles, SWT.LEFT).setText("Version");
        for (Bundle b : lightboxBundles()) {
            TableItem item = new TableItem(bundles, SWT.NONE);
            item.setText(new String[] { b.getSymbolicName(), b.getVersion().toString() });
        }
        for (TableColumn c : bundles.getColumns()) {
            c.pack();
        }
        GridDataFactory.fillDefaults().grab(true, true).hint(520, 160).applyTo(bundles);
        return area;
    }

    private List<Bundle> lightboxBundles() {
        Bundle self = FrameworkUtil.getBundle(getClass());
        if (self == null) {
            return List.of();
        }
        List<Bundle> result = new ArrayList<>(Arrays.stream(self.getBundleContext().getBundles())
                .filter(b -> b.getSymbolicName() != null && b.getSymbolicName().startsWith("org.lightbox."))
                .toList());
        result.sort(Comparator.comparing(Bundle::getSymbolicName));
        return result;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, IDialogConstants.CLOSE_LABEL, true);
    }

    @Override
    public boolean close() {
        if (titleFont != null) {
            titleFont.dispose();
            titleFont = null;
        }
        return super.close();
    }
}
