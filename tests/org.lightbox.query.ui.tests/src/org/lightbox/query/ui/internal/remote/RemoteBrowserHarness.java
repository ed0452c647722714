package org.lightbox.query.ui.internal.remote;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.config.RetrieveMethod;
import org.lightbox.query.transfer.LocalTransferQueue;
import org.lightbox.query.ui.internal.NodeFixture;
import org.lightbox.query.ui.internal.QrArchive;
import org.lightbox.query.ui.internal.RemoteCorpus;

/**
 * What the Remote screen's tests drive: a {@link RemoteBrowser} on a shell, over our node (its transfer queue
 * running) and a dcmqrscp archive holding the {@link RemoteCorpus}; and the steps they share (search, expand, wait).
 */
abstract class RemoteBrowserHarness {

    @TempDir
    Path dir;

    final RemoteCorpus corpus = new RemoteCorpus();
    Display display;
    Shell shell;
    QrArchive archive;
    NodeFixture node;
    LocalTransferQueue transfers;
    RemoteBrowser browser;

    @BeforeEach
    void start() throws Exception {
        display = Display.getDefault();
        int nodePort = org.lightbox.testing.DcmtkTool.freePort();
        archive = new QrArchive(dir.resolve("qr"), Map.of(NodeFixture.AET, nodePort));
        archive.load(corpus.write(dir.resolve("corpus")));
        node = new NodeFixture(dir.resolve("home"), nodePort, List.of(archive.remote()));
        transfers = new LocalTransferQueue(node.node);
        shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setSize(1200, 800);
        browser = new RemoteBrowser(shell, node.node, j -> transfers.queue().submit(j));
        shell.open();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (shell != null) {
                shell.dispose();
            }
            transfers.close();
            node.close();
        } finally {
            archive.close();
        }
    }

    void waitFor(String what, java.util.function.BooleanSupplier c) {
        NodeFixture.waitFor(display, what, c, () -> "status: " + browser.status() + "\n" + archive.log());
    }

    /** Makes C-GET the archive's retrieve method in the node's configuration (per remote AE), and selects it. */
    void retrieveByGet() throws Exception {
        node.node.reconfigure(node.node.configuration().withRemoteAes(List.of(archive.remote()
                .withRetrieve(RetrieveMethod.GET))));
        browser.reloadRemotes();
        browser.selectRemote(QrArchive.AET);
    }

    List<RemoteNode> search() {
        int before = browser.searchesShown();
        browser.search();
        waitFor("the search", () -> browser.searchesShown() > before);
        return browser.results().studies();
    }

    List<RemoteNode> expand(RemoteNode row) {
        browser.results().viewer().expandToLevel(row, 1);
        waitFor("the children of " + row, () -> row.children() != null || row.error() != null);
        assertNull(row.error(), "reading the children of " + row);
        return row.children();
    }
}
