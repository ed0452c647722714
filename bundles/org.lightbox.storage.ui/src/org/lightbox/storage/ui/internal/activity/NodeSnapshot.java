package org.lightbox.storage.ui.internal.activity;

import java.io.IOException;

import org.lightbox.config.NodeSettings;
import org.lightbox.storage.LocalNode;
import org.lightbox.storage.Node;

/**
 * What the status view shows about the node, read off the UI thread: {@link LocalNode}'s methods wait while the
 * node starts (catalog recovery) or stops (grace period), which the UI thread must never do.
 *
 * @param settings     the node settings in force, {@code null} when the configuration cannot be read
 * @param state        the node's state
 * @param port         the port listened on while running, else -1
 * @param tlsPort      the DICOM TLS port listened on while running, else -1
 * @param associations associations being served
 * @param problem      why the configuration or the node could not be read, else {@code null}
 */
record NodeSnapshot(NodeSettings settings, Node.State state, int port, int tlsPort, int associations,
        String problem) {

    static NodeSnapshot of(LocalNode local) {
        NodeSettings settings;
        try {
            settings = local.configuration().node();
        } catch (IOException | RuntimeException e) {
            return new NodeSnapshot(null, Node.State.STOPPED, -1, -1, 0, "cannot read the configuration: "
                    + e.getMessage());
        }
        if (!local.running()) {
            return new NodeSnapshot(settings, Node.State.STOPPED, -1, -1, 0, null);
        }
        try {
            Node n = local.node();
            return new NodeSnapshot(settings, n.state(), n.port(), n.tlsPort(), n.activeAssociations().size(), null);
        } catch (IOException | RuntimeException e) {
            return new NodeSnapshot(settings, Node.State.STOPPED, -1, -1, 0, e.getMessage());
        }
    }
}
