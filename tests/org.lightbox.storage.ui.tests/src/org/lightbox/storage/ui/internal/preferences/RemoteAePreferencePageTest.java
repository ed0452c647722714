package org.lightbox.storage.ui.internal.preferences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.config.ConfigurationStore;
import org.lightbox.config.RemoteAe;
import org.lightbox.config.RetrieveMethod;
import org.lightbox.storage.ui.internal.UiFixture;
import org.lightbox.testing.DcmtkTool;

/** The Remote AEs page: the table, saving, and Test against a real dcmtk peer. */
class RemoteAePreferencePageTest {

    @TempDir
    Path dir;
    private UiFixture fx;
    private RemoteAePreferencePage page;

    @BeforeEach
    void open() throws Exception {
        fx = new UiFixture(dir.resolve("home"));
        page = PageFixture.show(fx, new RemoteAePreferencePage(fx.node()));
    }

    @AfterEach
    void close() {
        page.dispose();
        fx.close();
    }

    private void testAndWait(int row) {
        page.select(row);
        UiFixture.press(page.testButton());
        fx.waitFor("the echo result", () -> !page.echoResultText().startsWith("Testing")
                && page.testButton().isEnabled(), page::echoResultText);
    }

    @Test
    void testEchoesARealPeerAndShowsTheRoundTrip() throws Exception {
        int port = DcmtkTool.freePort();
        Path out = Files.createDirectories(dir.resolve("peer"));
        Process peer = DcmtkTool.startServer(List.of("storescp", "--aetitle", "PEER", "-od", out.toString(),
                Integer.toString(port)), port, dir.resolve("storescp.log"));
        try {
            page.add(new RemoteAe("PEER", "127.0.0.1", port, false, "dcmtk storescp"));
            testAndWait(0);
            assertTrue(page.echoResultText().matches("PEER@127\\.0\\.0\\.1:" + port + ": success \\(\\d+ ms\\)"),
                    page.echoResultText());
        } finally {
            DcmtkTool.stop(peer);
        }
        assertTrue(DcmtkTool.log(dir.resolve("storescp.log")).isEmpty()
                || !DcmtkTool.log(dir.resolve("storescp.log")).contains("E: "), DcmtkTool.log(dir.resolve(
                        "storescp.log")));
    }

    @Test
    void testReportsAClosedPortOnThePage() throws Exception {
        int closed = DcmtkTool.freePort();
        page.add(new RemoteAe("NOBODY", "127.0.0.1", closed, false, ""));
        testAndWait(0);
        assertTrue(page.echoResultText().startsWith("NOBODY@127.0.0.1:" + closed + ": failed: "),
                page.echoResultText());
    }

    @Test
    void addEditRemoveAndSave() throws Exception {
        assertEquals(0, page.table().getItemCount());
        page.add(new RemoteAe("CT1", "ct1.example", 104, false, "CT scanner"));
        page.add(new RemoteAe("PACS", "pacs.example", 11112, true, "archive", RetrieveMethod.GET));
        page.replace(0, new RemoteAe("CT1", "10.0.0.7", 104, false, "CT scanner, room 2"));
        page.add(new RemoteAe("GONE", "gone.example", 104, false, ""));
        page.remove(2);
        assertEquals(2, page.table().getItemCount());
        assertEquals("10.0.0.7", page.table().getItem(0).getText(1));
        assertEquals("yes", page.table().getItem(1).getText(3));
        assertEquals("C-GET", page.table().getItem(1).getText(4));

        assertTrue(PageFixture.ok(fx, page));
        List<RemoteAe> saved = new ConfigurationStore(fx.home).load().remoteAes();
        assertEquals(List.of(new RemoteAe("CT1", "10.0.0.7", 104, false, "CT scanner, room 2"),
                new RemoteAe("PACS", "pacs.example", 11112, true, "archive", RetrieveMethod.GET)), saved);
    }

    @Test
    void aDuplicateTitleIsAnErrorOnThePage() {
        page.add(new RemoteAe("CT1", "a", 104, false, ""));
        page.add(new RemoteAe("CT1", "b", 104, false, ""));
        assertFalse(page.isValid());
        assertTrue(page.getErrorMessage().contains("listed twice"), page.getErrorMessage());
        page.remove(1);
        assertTrue(page.isValid());
    }
}
