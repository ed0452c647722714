package org.lightbox.storage.ui.internal.preferences;

import org.eclipse.jface.preference.PreferencePage;
import org.lightbox.storage.ui.internal.UiFixture;

/** Puts a preference page on the fixture's shell as a preference dialog would (without the dialog). */
final class PageFixture {

    private PageFixture() {
    }

    static <P extends PreferencePage> P show(UiFixture fx, P page) {
        page.createControl(fx.shell);
        fx.open();
        return page;
    }

    /** OK pressed: true when the page accepted; waits for the reconfiguration it started. */
    static boolean ok(UiFixture fx, ConfigurationPage page) {
        boolean accepted = page.performOk();
        if (page.lastApply() != null) {
            fx.join(java.util.List.of(page.lastApply()));
        }
        return accepted;
    }
}
