package org.lightbox.dicom.net.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.lightbox.dicom.net.AssociationListener;

/** The subscribers of one connector or server; a failing listener is logged and never breaks the protocol. */
public final class AssociationEvents {
    private static final System.Logger LOG = System.getLogger(AssociationEvents.class.getName());

    private final List<AssociationListener> listeners = new CopyOnWriteArrayList<>();

    public void add(AssociationListener l) {
        listeners.add(l);
    }

    public void remove(AssociationListener l) {
        listeners.remove(l);
    }

    public boolean isEmpty() {
        return listeners.isEmpty();
    }

    public void fire(Consumer<AssociationListener> event) {
        for (AssociationListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "association listener " + l.getClass().getName() + " failed", e);
            }
        }
    }
}
