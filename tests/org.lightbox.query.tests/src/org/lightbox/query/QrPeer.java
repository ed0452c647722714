package org.lightbox.query;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.lightbox.config.RemoteAe;
import org.lightbox.testing.Dcmqrscp;

/** dcmqrscp as the query client's remote archive: a remote AE of our configuration, and the files it holds. */
public final class QrPeer extends Dcmqrscp {

    /**
     * @param destinations AE title -> port of the C-MOVE destinations it may send to (on 127.0.0.1)
     */
    public QrPeer(Path dir, Map<String, Integer> destinations, String... extraOptions) throws Exception {
        super(dir, destinations, extraOptions);
    }

    /** The peer as a remote AE of our configuration. */
    public RemoteAe remote() {
        return new RemoteAe(AET, "127.0.0.1", port, false, "dcmqrscp");
    }

    /** The files dcmqrscp holds, by SOP Instance UID. */
    public Map<String, Path> held() throws IOException {
        Map<String, Path> out = new TreeMap<>();
        try (var files = Files.list(storage)) {
            for (Path f : files.filter(p -> !p.getFileName().toString().equals("index.dat")).toList()) {
                out.put(QrCorpus.sopInstanceUid(f), f);
            }
        }
        return out;
    }
}
