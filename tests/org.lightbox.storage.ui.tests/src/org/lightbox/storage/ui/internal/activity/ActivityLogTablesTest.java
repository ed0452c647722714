package org.lightbox.storage.ui.internal.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.catalog.AssociationEvent;
import org.lightbox.catalog.ReceiveEvent;
import org.lightbox.config.RemoteAe;
import org.lightbox.storage.Verification;
import org.lightbox.storage.ui.internal.UiFixture;
import org.lightbox.testing.DcmtkTool;

/** The association and receive logs fill from the catalog and append live while dcmtk tools talk to the node. */
class ActivityLogTablesTest {

    @TempDir
    Path dir;
    private UiFixture fx;

    @BeforeEach
    void open() throws Exception {
        fx = new UiFixture(dir.resolve("home"));
        fx.node().start();
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private static List<String> rows(Table t) {
        List<String> out = new ArrayList<>();
        for (TableItem item : t.getItems()) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < t.getColumnCount(); c++) {
                line.append(c == 0 ? "" : " | ").append(item.getText(c));
            }
            out.add(line.toString());
        }
        return out;
    }

    private int echo(String callingAet) throws Exception {
        return DcmtkTool.run(List.of("echoscu", "-aet", callingAet, "-aec", "LIGHTBOX", "127.0.0.1",
                Integer.toString(fx.port)), dir.resolve("echoscu-" + callingAet + ".log"), 30);
    }

    @Test
    void associationLogShowsAnEchoscuAssociationNewestFirstAndFilters() throws Exception {
        assertEquals(0, echo("FIRSTSCU"), "first echoscu");
        ActivityTable<AssociationEvent> table = AssociationLogTable.create(fx.shell, fx.node());
        fx.open();
        Table t = table.table();
        fx.waitFor("the logged association", () -> rows(t).stream().anyMatch(r -> r.contains("FIRSTSCU")
                && r.contains("released")), () -> rows(t).toString());

        assertEquals(0, echo("ECHOSCU"), "second echoscu");
        fx.waitFor("the new association on top", () -> t.getItemCount() > 0
                && t.getItem(0).getText(2).equals("ECHOSCU") && t.getItem(0).getText(5).equals("released"),
                () -> rows(t).toString());
        TableItem top = t.getItem(0);
        assertEquals("in", top.getText(1));
        assertEquals("LIGHTBOX", top.getText(3));
        assertTrue(top.getText(4).startsWith("127.0.0.1:"), top.getText(4));
        long accepted = rows(t).stream().filter(r -> r.contains("ECHOSCU") && r.contains("accepted")).count();
        assertEquals(1, accepted, "each line once: " + rows(t));

        table.filterText().setText("firstscu");
        fx.dispatch();
        assertTrue(t.getItemCount() >= 2, rows(t).toString());
        assertTrue(rows(t).stream().allMatch(r -> r.contains("FIRSTSCU")), rows(t).toString());
        table.filterText().setText("");
        fx.dispatch();
        assertTrue(rows(t).stream().anyMatch(r -> r.contains("ECHOSCU")), rows(t).toString());
    }

    @Test
    void anAssociationTheWorkbenchOpensShowsAsOutgoing() throws Exception {
        ActivityTable<AssociationEvent> table = AssociationLogTable.create(fx.shell, fx.node());
        fx.open();
        fx.waitFor("the empty log", () -> table.statusText().equals("0 line(s)"), table::statusText);
        int closed = DcmtkTool.freePort(); // nobody listens: the node sees nothing, only our line wakes the table
        Verification.Result r = Verification.echo("LIGHTBOX", new RemoteAe("NOBODY", "127.0.0.1", closed, false, ""),
                null, a -> { }, fx.node().associationLog());
        assertEquals(Verification.Outcome.FAILED, r.outcome());
        Table t = table.table();
        fx.waitFor("the failed outgoing association", () -> t.getItemCount() == 1, () -> rows(t).toString());
        TableItem top = t.getItem(0);
        assertEquals("out", top.getText(1));
        assertEquals("LIGHTBOX", top.getText(2));
        assertEquals("NOBODY", top.getText(3));
        assertEquals("127.0.0.1:" + closed, top.getText(4));
        assertEquals("failed", top.getText(5));
        assertTrue(top.getText(6).contains("cannot connect"), top.getText(6));
    }

    @Test
    void receiveLogShowsWhatAnAssociationDelivered() throws Exception {
        ActivityTable<ReceiveEvent> table = ReceiveLogTable.create(fx.shell, fx.node());
        fx.open();
        fx.waitFor("the empty log", () -> table.statusText().equals("0 line(s)"), table::statusText);
        List<String> cmd = new ArrayList<>(List.of("storescu", "-aet", "SENDER", "-aec", "LIGHTBOX", "127.0.0.1",
                Integer.toString(fx.port)));
        for (int i = 1; i <= 3; i++) {
            cmd.add(DcmtkTool.image(dir.resolve("images"), "img" + i, "=SecondaryCaptureImageStorage",
                    "1.2.826.0.1.3680043.2.1143.77." + i, 8, 8, "+te").toString());
        }
        assertEquals(0, DcmtkTool.run(cmd, dir.resolve("storescu.log"), 60), () -> DcmtkTool.log(
                dir.resolve("storescu.log")));
        Table t = table.table();
        fx.waitFor("the receive log lines", () -> t.getItemCount() == 3, () -> rows(t).toString());
        for (String row : rows(t)) {
            // each image is its own study (see DcmtkTool.image): one line per study, one instance each
            assertTrue(row.contains("SENDER") && row.contains("Test, Net [NET001]") && row.contains("success"),
                    row);
        }
        assertEquals("1", t.getItem(0).getText(5));
    }
}
