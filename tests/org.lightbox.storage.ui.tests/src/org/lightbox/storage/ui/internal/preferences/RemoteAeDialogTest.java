package org.lightbox.storage.ui.internal.preferences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.config.RemoteAe;
import org.lightbox.config.RetrieveMethod;
import org.lightbox.storage.ui.internal.UiFixture;
import org.lightbox.storage.ui.internal.Widgets;

/** The add/edit dialog of a remote AE: OK only for a valid entry with a title not taken. */
class RemoteAeDialogTest {

    @TempDir
    Path dir;
    private UiFixture fx;
    private RemoteAeDialog dialog;

    @BeforeEach
    void open() throws Exception {
        fx = new UiFixture(dir);
        fx.open();
    }

    @AfterEach
    void close() {
        if (dialog != null) {
            dialog.close();
        }
        fx.close();
    }

    private Text field(int index) {
        return Widgets.findAll(dialog.getShell(), Text.class, t -> (t.getStyle() & SWT.READ_ONLY) == 0
                && (t.getStyle() & SWT.BORDER) != 0).get(index);
    }

    private Button ok() {
        return Widgets.find(dialog.getShell(), Button.class, b -> b.getData() != null
                && b.getData().equals(IDialogConstants.OK_ID));
    }

    @Test
    void addsAValidEntryAndRefusesATakenTitle() {
        dialog = new RemoteAeDialog(fx.shell, null, Set.of("PACS"));
        dialog.setBlockOnOpen(false);
        dialog.open();
        fx.dispatch();
        assertFalse(ok().isEnabled(), "empty AE title");
        field(0).setText("PACS");
        field(1).setText("pacs.example");
        assertFalse(ok().isEnabled(), "PACS is taken");
        field(0).setText("CT2");
        field(2).setText("99999");
        assertFalse(ok().isEnabled(), "port out of range");
        field(2).setText("4242");
        field(3).setText("CT, room 2");
        Combo retrieve = Widgets.find(dialog.getShell(), Combo.class, c -> true);
        assertEquals(0, retrieve.getSelectionIndex(), "C-MOVE by default");
        retrieve.select(RetrieveMethod.GET.ordinal());
        assertTrue(ok().isEnabled());
        ok().notifyListeners(SWT.Selection, new Event());
        fx.dispatch();
        assertEquals(new RemoteAe("CT2", "pacs.example", 4242, false, "CT, room 2", RetrieveMethod.GET),
                dialog.result());
    }

    @Test
    void editShowsTheEntryAndKeepsItsRetrieveMethod() {
        RemoteAe ct = new RemoteAe("CT1", "10.0.0.7", 104, true, "CT", RetrieveMethod.GET);
        dialog = new RemoteAeDialog(fx.shell, ct, Set.of());
        dialog.setBlockOnOpen(false);
        dialog.open();
        fx.dispatch();
        assertEquals("CT1", field(0).getText());
        assertEquals("10.0.0.7", field(1).getText());
        assertEquals("104", field(2).getText());
        assertTrue(ok().isEnabled());
        assertNull(dialog.result());
        field(1).setText("10.0.0.8");
        ok().notifyListeners(SWT.Selection, new Event());
        fx.dispatch();
        assertEquals(new RemoteAe("CT1", "10.0.0.8", 104, true, "CT", RetrieveMethod.GET), dialog.result());
    }
}
