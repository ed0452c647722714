package org.lightbox.query.ui.internal;

import java.nio.file.Path;
import java.util.Map;

import org.lightbox.config.RemoteAe;
import org.lightbox.testing.Dcmqrscp;

/** dcmqrscp as the remote archive of the Remote view's tests, and as a remote AE of our configuration. */
public final class QrArchive extends Dcmqrscp {

    public QrArchive(Path dir, Map<String, Integer> destinations, String... extraOptions) throws Exception {
        super(dir, destinations, extraOptions);
    }

    public RemoteAe remote() {
        return new RemoteAe(AET, "127.0.0.1", port, false, "dcmqrscp");
    }
}
