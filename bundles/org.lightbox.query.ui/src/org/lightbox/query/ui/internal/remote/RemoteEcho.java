package org.lightbox.query.ui.internal.remote;

import org.lightbox.config.RemoteAe;
import org.lightbox.config.TlsSettings;
import org.lightbox.dicom.net.AssociationListener;
import org.lightbox.storage.Verification;

/**
 * The Remote screen's "Test" link: C-ECHO to the picked remote AE (see {@link Verification}). Blocking: run it in a
 * job. Returns one line for the status bar.
 */
public final class RemoteEcho {

    private RemoteEcho() {
    }

    /**
     * @param tls     the configuration's key and trust stores, used when {@code remote} is marked TLS
     * @param watcher told what becomes of the association (the association log); may be {@code null}
     */
    public static String echo(String callingAet, RemoteAe remote, TlsSettings tls, AssociationListener watcher) {
        String who = remote.aeTitle() + "@" + remote.host() + ":" + remote.port();
        Verification.Result r = Verification.echo(callingAet, remote, tls, a -> { }, watcher);
        return who + ": C-ECHO " + switch (r.outcome()) {
            case SUCCESS -> "success (" + r.millis() + " ms)";
            case ANSWERED -> "answered " + r.detail();
            case FAILED -> "failed: " + r.detail();
        };
    }
}
