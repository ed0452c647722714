package org.lightbox.storage.ui.internal.preferences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.config.AutoDeleteRules;
import org.lightbox.config.ConfigurationStore;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.StorageSettings;
import org.lightbox.storage.ui.internal.UiFixture;

/** The Storage and Auto-delete pages save their parts and leave the rest of the configuration alone. */
class StorageAndAutoDeletePagesTest {

    @TempDir
    Path dir;
    private UiFixture fx;

    @BeforeEach
    void open() throws Exception {
        fx = new UiFixture(dir.resolve("home"));
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private static void select(org.eclipse.swt.widgets.Combo c, int index) {
        c.select(index);
        c.notifyListeners(SWT.Selection, new Event());
    }

    @Test
    void storagePageShowsTheFolderAndSavesThePolicies() throws Exception {
        StoragePreferencePage page = PageFixture.show(fx, new StoragePreferencePage(fx.node()));
        try {
            assertTrue(page.effectiveFolderText().contains(fx.home.root().resolve("store").toString()),
                    page.effectiveFolderText());
            assertEquals(StorageSettings.Duplicates.KEEP_BOTH.ordinal(), page.duplicatesCombo().getSelectionIndex());
            select(page.duplicatesCombo(), StorageSettings.Duplicates.REJECT.ordinal());
            select(page.fsyncCombo(), StorageSettings.Fsync.BATCH.ordinal());
            assertTrue(PageFixture.ok(fx, page));
            DeviceConfiguration saved = new ConfigurationStore(fx.home).load();
            assertEquals(StorageSettings.Duplicates.REJECT, saved.storage().duplicates());
            assertEquals(StorageSettings.Fsync.BATCH, saved.storage().fsync());
            assertEquals(fx.port, saved.node().port(), "the node settings are untouched");
        } finally {
            page.dispose();
        }
    }

    @Test
    void aRelativeStoreFolderIsAnErrorOnThePage() {
        StoragePreferencePage page = PageFixture.show(fx, new StoragePreferencePage(fx.node()));
        try {
            org.eclipse.swt.widgets.Text folder = org.lightbox.storage.ui.internal.Widgets.text(fx.shell,
                    "(in the data folder)");
            folder.setText("relative/store");
            assertFalse(page.isValid());
            assertTrue(page.getErrorMessage().contains("absolute"), page.getErrorMessage());
            folder.setText(dir.resolve("elsewhere").toString());
            assertTrue(page.isValid());
            assertTrue(page.effectiveFolderText().contains(dir.resolve("elsewhere").toString()));
        } finally {
            page.dispose();
        }
    }

    @Test
    void autoDeletePageSavesTheRules() throws Exception {
        AutoDeletePreferencePage page = PageFixture.show(fx, new AutoDeletePreferencePage(fx.node()));
        try {
            assertTrue(page.summaryText().contains("nothing will be deleted"), page.summaryText());
            page.maxAgeSpinner().setSelection(30);
            page.maxAgeSpinner().notifyListeners(SWT.Modify, new Event());
            page.stateBox(AutoDeleteRules.StudyState.SENT).setSelection(true);
            page.stateBox(AutoDeleteRules.StudyState.SENT).notifyListeners(SWT.Selection, new Event());
            assertEquals("", page.summaryText());
            assertTrue(PageFixture.ok(fx, page));
            AutoDeleteRules saved = new ConfigurationStore(fx.home).load().storage().autoDelete();
            assertEquals(30, saved.maxAgeDays());
            assertEquals(Set.of(AutoDeleteRules.StudyState.SENT), saved.onlyStates());
            assertTrue(saved.isActive());
        } finally {
            page.dispose();
        }
    }
}
