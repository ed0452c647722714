package org.lightbox.storage.ui.internal.preferences;

import org.lightbox.config.RemoteAe;
import org.lightbox.config.RetrieveMethod;

/** Builds remote AE entries from what the user typed, and names their retrieve methods. */
final class RemoteAes {

    /** The retrieve methods in the order the dialog offers them ({@link RetrieveMethod} order). */
    static final String[] RETRIEVE_CHOICES = { "C-MOVE (it connects back to this node)",
            "C-GET (on the query association; through firewalls and NAT)" };

    private RemoteAes() {
    }

    /** The entry with these fields. */
    static RemoteAe of(String aeTitle, String host, int port, boolean tls, String description,
            RetrieveMethod retrieve) {
        return new RemoteAe(aeTitle, host, port, tls, description).withRetrieve(retrieve);
    }

    /** The short name of a retrieve method for the table. */
    static String shortName(RetrieveMethod m) {
        return m == RetrieveMethod.GET ? "C-GET" : "C-MOVE";
    }
}
