package org.lightbox.storage.ui.internal.preferences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jface.preference.PreferenceStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.config.ConfigurationStore;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.storage.ui.internal.UiFixture;
import org.lightbox.storage.ui.internal.WorkbenchNodePreferences;

/** The DICOM Node page over a node on a temporary data folder. */
class NodePreferencePageTest {

    @TempDir
    Path dir;
    private UiFixture fx;
    private PreferenceStore workbench;
    private NodePreferencePage page;

    @BeforeEach
    void open() throws Exception {
        fx = new UiFixture(dir);
        workbench = new PreferenceStore();
        WorkbenchNodePreferences.setDefaults(workbench);
        page = PageFixture.show(fx, new NodePreferencePage(fx.node(), workbench));
    }

    @AfterEach
    void close() {
        page.dispose();
        fx.close();
    }

    @Test
    void showsTheConfigurationOfTheDataFolder() {
        assertEquals("LIGHTBOX", page.aeTitleField().getText());
        assertEquals(Integer.toString(fx.port), page.portField().getText());
        assertTrue(page.acceptUnknownBox().getSelection());
        assertTrue(page.isValid());
        assertNull(page.getErrorMessage());
    }

    @Test
    void aBadAeTitleIsAnErrorOnThePageAndIsNotSaved() throws Exception {
        Path file = new ConfigurationStore(fx.home).file();
        String before = Files.readString(file, StandardCharsets.UTF_8);
        page.aeTitleField().setText("MUCH_TOO_LONG_AE_TITLE");
        assertFalse(page.isValid());
        assertTrue(page.getErrorMessage().contains("longer than 16"), page.getErrorMessage());
        page.aeTitleField().setText("BACK\\SLASH");
        assertTrue(page.getErrorMessage().contains("backslash"), page.getErrorMessage());
        page.portField().setText("LIGHTBOX");
        assertFalse(page.isValid());

        assertFalse(PageFixture.ok(fx, page), "OK refused while the page is invalid");
        assertNull(page.lastApply());
        assertEquals(before, Files.readString(file, StandardCharsets.UTF_8));

        page.aeTitleField().setText("GOOD");
        page.portField().setText(Integer.toString(fx.port));
        assertTrue(page.isValid());
        assertNull(page.getErrorMessage());
    }

    @Test
    void theTlsPortIsCheckedAndSaved() throws Exception {
        assertEquals("0", page.tlsPortField().getText(), "no TLS port unless configured");
        page.tlsPortField().setText(Integer.toString(fx.port));
        assertFalse(page.isValid());
        assertTrue(page.getErrorMessage().contains("plain DICOM port too"), page.getErrorMessage());
        page.tlsPortField().setText("70000");
        assertTrue(page.getErrorMessage().contains("TLS port 70000"), page.getErrorMessage());
        page.tlsPortField().setText("2762");
        assertTrue(page.isValid());
        assertTrue(PageFixture.ok(fx, page));
        assertEquals(2762, new ConfigurationStore(fx.home).load().node().tlsPort());
    }

    @Test
    void okSavesThroughReconfigure() throws Exception {
        page.aeTitleField().setText("  NEWTITLE ");
        page.portField().setText("11999");
        page.acceptUnknownBox().setSelection(false);
        page.acceptUnknownBox().notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
        assertTrue(PageFixture.ok(fx, page));
        assertTrue(page.lastApply().getResult().isOK(), page.lastApply().getResult().toString());

        DeviceConfiguration saved = new ConfigurationStore(fx.home).load();
        assertEquals("NEWTITLE", saved.node().aeTitle());
        assertEquals(11999, saved.node().port());
        assertFalse(saved.node().acceptUnknownCallers());
        assertTrue(Files.readString(new ConfigurationStore(fx.home).file()).contains("NEWTITLE"));
        assertEquals(saved, fx.node().configuration(), "the node uses what was saved");
        assertTrue(workbench.getBoolean(WorkbenchNodePreferences.START_WITH_WORKBENCH), "default on");
    }

    @Test
    void applyRestartsARunningNodeOnTheNewPort() throws Exception {
        fx.node().start();
        int newPort = org.lightbox.testing.DcmtkTool.freePort();
        page.portField().setText(Integer.toString(newPort));
        assertTrue(PageFixture.ok(fx, page));
        assertTrue(page.lastApply().getResult().isOK(), page.lastApply().getResult().toString());
        assertTrue(fx.node().running(), "restarted");
        assertEquals(newPort, fx.node().node().port());
        assertEquals(0, org.lightbox.testing.DcmtkTool.run(java.util.List.of("echoscu", "-aec", "LIGHTBOX",
                "127.0.0.1", Integer.toString(newPort)), dir.resolve("echoscu.log"), 30), "echo on the new port");
    }

    @Test
    void unchangedPageDoesNotReconfigure() {
        assertTrue(PageFixture.ok(fx, page));
        assertNull(page.lastApply(), "nothing changed, nothing applied");
    }
}
