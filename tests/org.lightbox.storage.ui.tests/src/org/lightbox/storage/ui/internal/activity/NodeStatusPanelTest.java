package org.lightbox.storage.ui.internal.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.runtime.IStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.TlsSettings;
import org.lightbox.storage.StoreUsage;
import org.lightbox.storage.ui.internal.UiFixture;
import org.lightbox.testing.DcmtkTool;
import org.lightbox.testing.TlsKeys;

/** The node status view's content over a real node on a temporary data folder. */
class NodeStatusPanelTest {

    @TempDir
    Path dir;
    private UiFixture fx;
    private final List<IStatus> errorLog = new CopyOnWriteArrayList<>();
    private NodeControl control;
    private NodeStatusPanel panel;

    @BeforeEach
    void open() throws Exception {
        fx = new UiFixture(dir);
        control = new NodeControl(fx.node(), errorLog::add);
        panel = new NodeStatusPanel(fx.shell, control);
        fx.open();
        fx.waitFor("the first reading", () -> panel.stateText().equals("stopped"), panel::stateText);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private void waitForState(String state) {
        fx.waitFor("state " + state, () -> panel.stateText().equals(state) && !control.busy(),
                () -> "shown: " + panel.stateText() + ", problem: " + panel.problemText());
    }

    private boolean accepts(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void startAndStopARealNodeAndShowItsAddress() {
        assertEquals("127.0.0.1:" + fx.port, panel.addressText());
        assertEquals("off", panel.tlsText(), "no TLS port unless configured");
        assertTrue(panel.startButton().isEnabled(), "Start is enabled while stopped");
        assertFalse(panel.stopButton().isEnabled(), "Stop is disabled while stopped");

        UiFixture.press(panel.startButton());
        waitForState("running");
        assertTrue(fx.node().running());
        assertTrue(accepts(fx.port), "the node listens on " + fx.port);
        assertEquals("127.0.0.1:" + fx.port, panel.addressText());
        assertFalse(panel.startButton().isEnabled());
        assertTrue(panel.stopButton().isEnabled());
        assertEquals("", panel.problemText());

        UiFixture.press(panel.stopButton());
        waitForState("stopped");
        assertFalse(fx.node().running());
        assertFalse(accepts(fx.port), "the port is closed after Stop");
        assertTrue(panel.startButton().isEnabled());
        assertTrue(errorLog.isEmpty(), "no errors: " + errorLog);
    }

    @Test
    void showsTheTlsPortItListensOn() throws Exception {
        int tlsPort;
        try (ServerSocket free = new ServerSocket(0)) {
            tlsPort = free.getLocalPort();
        }
        TlsKeys keys = TlsKeys.create(dir.resolve("keys"));
        DeviceConfiguration c = fx.node().configuration();
        fx.node().reconfigure(c.withNode(c.node().withTls(tlsPort, false)).withTls(new TlsSettings(
                keys.keyStore("server").toString(), TlsKeys.PASSWORD, keys.trustStore().toString(), TlsKeys.PASSWORD)));
        String expected = "127.0.0.1:" + tlsPort + " (no client certificate required)";

        UiFixture.press(panel.startButton());
        waitForState("running");
        assertTrue(accepts(tlsPort), "the node listens for TLS on " + tlsPort);
        fx.waitFor("the TLS port", () -> panel.tlsText().equals(expected), panel::tlsText);
        assertEquals("", panel.problemText());
        control.stop();
        waitForState("stopped");
        assertFalse(accepts(tlsPort), "the TLS port is closed after Stop");
    }

    @Test
    void countsWhatArrives() throws Exception {
        UiFixture.press(panel.startButton());
        waitForState("running");
        List<String> cmd = new ArrayList<>(List.of("storescu", "-aet", "SENDER", "-aec", "LIGHTBOX", "127.0.0.1",
                Integer.toString(fx.port)));
        for (int i = 1; i <= 12; i++) {
            cmd.add(DcmtkTool.image(dir.resolve("images"), "img" + i, "=SecondaryCaptureImageStorage",
                    "1.2.826.0.1.3680043.2.1143.78." + i, 8, 8, "+te").toString());
        }
        assertEquals(0, DcmtkTool.run(cmd, dir.resolve("storescu.log"), 60),
                () -> DcmtkTool.log(dir.resolve("storescu.log")));
        fx.waitFor("12 instances counted", () -> panel.receivedText().startsWith("12 instance(s)"),
                panel::receivedText);
        fx.waitFor("the association's end", () -> panel.associationsText().equals("0 active"),
                panel::associationsText);
        long used = fx.node().fileStore().usedBytes();
        assertTrue(used > 12 * 64, "12 images catalogued: " + used);
        String stored = StoreUsage.size(used) + " in the store, ";
        // no further event comes: the line is read again by itself once the receptions have settled
        fx.waitFor("the store's size", () -> panel.storeText().startsWith(stored), panel::storeText);
        assertTrue(panel.storeText().matches(".* in the store, [0-9.]+ [kMGT]B free on disk"), panel.storeText());
    }

    @Test
    void showsTheStoreEmptyAtFirstAndWhetherAutoDeleteIsOn() throws Exception {
        fx.waitFor("the store line", () -> panel.storeText().startsWith("0 bytes in the store, "),
                panel::storeText);
        assertFalse(panel.storeText().contains("auto-delete"), panel.storeText());
        DeviceConfiguration c = fx.node().configuration();
        fx.node().reconfigure(c.withStorage(c.storage().withAutoDelete(c.storage().autoDelete()
                .withMaxStoreMegabytes(100))));
        panel.refreshStore();
        fx.waitFor("auto-delete shown", () -> panel.storeText().endsWith("; auto-delete on"), panel::storeText);
    }

    @Test
    void aPortInUseIsShownInTheViewAndTheErrorLogNotThrown() throws Exception {
        try (ServerSocket taken = new ServerSocket(fx.port, 5, InetAddress.getByName("127.0.0.1"))) {
            UiFixture.press(panel.startButton());
            // the panel updates on the UI thread after the job ends: wait for the whole state, not only the text
            fx.waitFor("the failure to show and Start to come back", () -> !panel.problemText().isEmpty()
                    && !control.busy() && panel.startButton().isEnabled(), panel::problemText);
            assertTrue(panel.problemText().contains("cannot listen on 127.0.0.1:" + fx.port),
                    panel.problemText());
            assertEquals("stopped", panel.stateText());
            assertTrue(panel.startButton().isEnabled(), "Start may be tried again");
            assertEquals(1, errorLog.size(), "one entry in the error log: " + errorLog);
            assertEquals(IStatus.ERROR, errorLog.get(0).getSeverity());
            assertTrue(errorLog.get(0).getMessage().contains(Integer.toString(fx.port)), errorLog.get(0).getMessage());
        }
        // the port is free again: a second try succeeds and clears the message
        UiFixture.press(panel.startButton());
        waitForState("running");
        assertEquals("", panel.problemText());
        control.stop();
        waitForState("stopped");
    }

    @Test
    void aFailureBeforeTheViewOpenedIsShownWhenItOpens() throws Exception {
        try (ServerSocket taken = new ServerSocket(fx.port, 5, InetAddress.getByName("127.0.0.1"))) {
            fx.join(List.of(control.start())); // as the workbench's start-up does, before any view exists
        }
        NodeStatusPanel later = new NodeStatusPanel(fx.shell, control);
        fx.shell.layout(true, true);
        fx.waitFor("the earlier failure", () -> later.problemText().contains("cannot listen"),
                later::problemText);
        assertEquals("stopped", later.stateText());
    }
}
