package org.lightbox.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.opentest4j.AssertionFailedError;

/**
 * dcmqrscp as a remote archive for interop tests: AE title QRSCP on a free loopback port, its storage area in a
 * temporary folder, the C-MOVE destinations in its host table, filled with storescu. It forks per association (its
 * single-process mode exits when the start-up probe connects and closes without an association); children end
 * with theirs, and {@link #dropAssociations} kills them as a crash would.
 */
public class Dcmqrscp implements AutoCloseable {
    public static final String AET = "QRSCP";

    public final int port;
    /** dcmqrscp's storage area: the files it holds, plus its index.dat. */
    public final Path storage;
    private final Path dir;
    private final Process process;

    /**
     * @param destinations AE title -> port of the C-MOVE destinations it may send to (on 127.0.0.1)
     * @param extraOptions further dcmqrscp options (e.g. a DIMSE timeout that drops idle associations)
     */
    public Dcmqrscp(Path dir, Map<String, Integer> destinations, String... extraOptions) throws Exception {
        DcmtkTool.require("dcmqrscp");
        this.dir = dir;
        this.port = DcmtkTool.freePort();
        this.storage = dir.resolve(AET);
        Files.createDirectories(storage);
        StringBuilder hosts = new StringBuilder();
        for (Map.Entry<String, Integer> d : destinations.entrySet()) {
            hosts.append(d.getKey().toLowerCase()).append(" = (").append(d.getKey()).append(", 127.0.0.1, ")
                    .append(d.getValue()).append(")\n");
        }
        Path cfg = dir.resolve("dcmqrscp.cfg");
        Files.writeString(cfg, "NetworkTCPPort = " + port + "\nMaxPDUSize = 16384\nMaxAssociations = 16\n"
                + "HostTable BEGIN\n" + hosts + "HostTable END\nVendorTable BEGIN\nVendorTable END\n"
                + "AETable BEGIN\n" + AET + " " + storage + " RW (200, 1024mb) ANY\nAETable END\n",
                StandardCharsets.US_ASCII);
        List<String> cmd = new ArrayList<>(List.of("dcmqrscp", "-c", cfg.toString()));
        cmd.addAll(List.of(extraOptions));
        cmd.add(Integer.toString(port));
        process = DcmtkTool.startServer(cmd, port, dir.resolve("dcmqrscp.log"));
    }

    /** Sends every file under {@code folder} with storescu. */
    public void load(Path folder) throws Exception {
        Path log = dir.resolve("storescu-load.log");
        int rc = DcmtkTool.run(List.of("storescu", "-aet", "LOADER", "-aec", AET, "+sd", "+r", "127.0.0.1",
                Integer.toString(port), folder.toString()), log, 120);
        if (rc != 0) {
            throw new AssertionFailedError("storescu into dcmqrscp failed (" + rc + "): " + DcmtkTool.log(log));
        }
    }

    /**
     * Ends the archive's open associations as a crash would: dcmqrscp serves each in a forked child, which is
     * killed (the listening parent stays).
     */
    public void dropAssociations() throws Exception {
        List<ProcessHandle> children = process.children().toList();
        if (children.isEmpty()) {
            throw new AssertionFailedError("dcmqrscp has no association to drop");
        }
        for (ProcessHandle c : children) {
            c.destroyForcibly();
            c.onExit().get(10, TimeUnit.SECONDS);
        }
    }

    public String log() {
        return DcmtkTool.log(dir.resolve("dcmqrscp.log"));
    }

    @Override
    public void close() throws InterruptedException {
        DcmtkTool.stop(process);
    }
}
