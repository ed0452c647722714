package org.lightbox.storage.ui.internal.activity;

import java.util.List;

import org.eclipse.swt.widgets.Composite;
import org.lightbox.catalog.AssociationEvent;
import org.lightbox.storage.LocalNode;
import org.lightbox.storage.NodeEvent;

/** The association log: who called (or whom the node called), when, from where, and what became of it. */
final class AssociationLogTable {

    private AssociationLogTable() {
    }

    static ActivityTable<AssociationEvent> create(Composite parent, LocalNode local) {
        List<LogColumn<AssociationEvent>> columns = List.of(
                new LogColumn<>("Time", 150, e -> LogColumn.time(e.time())),
                new LogColumn<>("Direction", 80,
                        e -> e.direction() == AssociationEvent.Direction.INBOUND ? "in" : "out"),
                new LogColumn<>("Calling AE", 110, AssociationEvent::callingAet),
                new LogColumn<>("Called AE", 110, AssociationEvent::calledAet),
                new LogColumn<>("Peer", 150, e -> e.remoteHost() == null ? ""
                        : e.remoteHost() + (e.remotePort() > 0 ? ":" + e.remotePort() : "")),
                new LogColumn<>("Result", 80, e -> LogColumn.lower(e.outcome())),
                new LogColumn<>("Detail", 300, AssociationEvent::detail));
        return new ActivityTable<>(parent, local, "Association log", columns,
                (log, from, limit) -> log.associations(from, null, limit), AssociationEvent::id,
                AssociationEvent::time, e -> e instanceof NodeEvent.AssociationAccepted
                        || e instanceof NodeEvent.AssociationRejected || e instanceof NodeEvent.AssociationEnded);
    }
}
