package org.lightbox.query.transfer;

import java.time.Duration;
import java.util.Objects;

import org.lightbox.config.DeviceConfiguration;
import org.lightbox.dicom.net.ConnectionOptions;
import org.lightbox.storage.NodeTls;

/**
 * How the transfer queue works.
 *
 * @param owner          this process's worker id in the job table: stable across restarts of one installation
 *                       (its running jobs are requeued on start) and distinct between workstations sharing a
 *                       catalog
 * @param workers        jobs run at once
 * @param retry          backoff and attempts of failed jobs
 * @param pollInterval   how often the table is checked for due jobs (submissions here wake the queue at once)
 * @param connection     network options of outgoing associations (PDU size, timeouts, TLS)
 * @param callingAet     our AE title when a request names none
 * @param commitmentWait how long the commitment request's association waits for the N-EVENT-REPORT before it is
 *                       released (the report may then come on an association the peer opens to the node)
 */
public record TransferQueueSettings(String owner, int workers, RetryPolicy retry, Duration pollInterval,
        ConnectionOptions connection, String callingAet, Duration commitmentWait) {

    public TransferQueueSettings {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(callingAet, "callingAet");
        Objects.requireNonNull(commitmentWait, "commitmentWait");
        if (owner.isBlank() || owner.length() > 64) {
            throw new IllegalArgumentException("queue owner id must have 1..64 characters: '" + owner + "'");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("at least one worker, not " + workers);
        }
    }

    /**
     * The owner id of an installation: host name and a digest of its data folder, so that the node and the command
     * line of one installation share it (either requeues what the other left running) and workstations sharing a
     * catalog differ.
     */
    public static String ownerFor(java.nio.file.Path dataFolder) {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        String folder = Integer.toHexString(dataFolder.toAbsolutePath().normalize().toString().hashCode());
        String id = host + "/" + folder;
        return id.length() <= 64 ? id : id.substring(id.length() - 64);
    }

    /** Two workers, the default retry policy, a poll every 5 s, default connection options, 30 s commitment wait. */
    /**
     * The settings of the data folder's own queue: its owner, the node's AE title, and connections with the node's
     * maximum PDU and the configuration's TLS stores (for remote AEs marked TLS).
     *
     * @throws IOException when the configured TLS stores cannot be opened
     */
    public static TransferQueueSettings forNode(DeviceConfiguration config, java.nio.file.Path dataFolder)
            throws java.io.IOException {
        return defaults(ownerFor(dataFolder), config.node().aeTitle()).withConnection(NodeTls.withTls(
                ConnectionOptions.defaults().withMaxPduReceive(config.node().maxPduReceive()), config));
    }

    public static TransferQueueSettings defaults(String owner, String callingAet) {
        return new TransferQueueSettings(owner, 2, RetryPolicy.DEFAULT, Duration.ofSeconds(5),
                ConnectionOptions.defaults(), callingAet, Duration.ofSeconds(30));
    }

    public TransferQueueSettings withRetry(RetryPolicy policy) {
        return new TransferQueueSettings(owner, workers, policy, pollInterval, connection, callingAet, commitmentWait);
    }

    public TransferQueueSettings withWorkers(int n) {
        return new TransferQueueSettings(owner, n, retry, pollInterval, connection, callingAet, commitmentWait);
    }

    public TransferQueueSettings withPollInterval(Duration d) {
        return new TransferQueueSettings(owner, workers, retry, d, connection, callingAet, commitmentWait);
    }

    public TransferQueueSettings withConnection(ConnectionOptions options) {
        return new TransferQueueSettings(owner, workers, retry, pollInterval, options, callingAet, commitmentWait);
    }

    public TransferQueueSettings withCommitmentWait(Duration d) {
        return new TransferQueueSettings(owner, workers, retry, pollInterval, connection, callingAet, d);
    }
}
