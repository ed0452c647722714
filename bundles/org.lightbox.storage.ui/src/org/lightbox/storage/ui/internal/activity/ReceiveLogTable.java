package org.lightbox.storage.ui.internal.activity;

import java.util.List;

import org.eclipse.swt.widgets.Composite;
import org.lightbox.catalog.ReceiveEvent;
import org.lightbox.storage.LocalNode;
import org.lightbox.storage.NodeEvent;
import org.lightbox.storage.ui.PersonNames;

/**
 * The receive log: what each association delivered, one line per study. The node writes those lines when the
 * association ends, so only the end of an association refreshes the table, not each instance.
 */
final class ReceiveLogTable {

    private ReceiveLogTable() {
    }

    static ActivityTable<ReceiveEvent> create(Composite parent, LocalNode local) {
        List<LogColumn<ReceiveEvent>> columns = List.of(
                new LogColumn<>("Time", 150, e -> LogColumn.time(e.time())),
                new LogColumn<>("From", 110, ReceiveEvent::callingAet),
                new LogColumn<>("Host", 120, ReceiveEvent::remoteHost),
                new LogColumn<>("Patient", 180, ReceiveLogTable::patient),
                new LogColumn<>("Study", 200, ReceiveEvent::studyUid),
                new LogColumn<>("Instances", 70, e -> Integer.toString(e.instances())),
                new LogColumn<>("Size", 80, e -> size(e.bytes())),
                new LogColumn<>("Result", 70, e -> LogColumn.lower(e.outcome())),
                new LogColumn<>("Detail", 300, e -> e.detail()));
        return new ActivityTable<>(parent, local, "Receive log", columns,
                (log, from, limit) -> log.receives(from, null, limit), ReceiveEvent::id, ReceiveEvent::time,
                e -> e instanceof NodeEvent.AssociationEnded);
    }

    private static String patient(ReceiveEvent e) {
        String name = PersonNames.display(e.patientName());
        String id = e.patientId() == null || e.patientId().isEmpty() ? "" : " [" + e.patientId() + "]";
        return (name + id).strip();
    }

    static String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KB", bytes / 1024.0);
        }
        return String.format("%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
