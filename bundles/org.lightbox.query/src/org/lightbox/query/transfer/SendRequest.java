package org.lightbox.query.transfer;

import java.util.List;
import java.util.Objects;

import org.lightbox.config.RemoteAe;

/**
 * A send (C-STORE) of local studies, series and instances to another node, optionally followed by a storage
 * commitment request for what arrived.
 *
 * @param destination the receiver
 * @param callingAet  our AE title; {@code null}: the queue's default
 * @param studyUids   whole studies to send
 * @param seriesUids  whole series to send
 * @param instanceUids single instances to send
 * @param commit      ask the receiver for storage commitment afterwards
 */
public record SendRequest(RemoteAe destination, String callingAet, List<String> studyUids, List<String> seriesUids,
        List<String> instanceUids, boolean commit) {

    /** The job type of sends. */
    public static final String TYPE = "send";

    public SendRequest {
        Objects.requireNonNull(destination, "destination");
        studyUids = List.copyOf(studyUids);
        seriesUids = List.copyOf(seriesUids);
        instanceUids = List.copyOf(instanceUids);
        if (studyUids.isEmpty() && seriesUids.isEmpty() && instanceUids.isEmpty()) {
            throw new IllegalArgumentException("a send needs at least one study, series or instance");
        }
    }

    public static SendRequest ofStudies(RemoteAe destination, List<String> studyUids) {
        return new SendRequest(destination, null, studyUids, List.of(), List.of(), false);
    }

    public static SendRequest ofSeries(RemoteAe destination, List<String> seriesUids) {
        return new SendRequest(destination, null, List.of(), seriesUids, List.of(), false);
    }

    public SendRequest withCommit(boolean requestCommitment) {
        return new SendRequest(destination, callingAet, studyUids, seriesUids, instanceUids, requestCommitment);
    }

    public SendRequest withCallingAet(String aet) {
        return new SendRequest(destination, aet, studyUids, seriesUids, instanceUids, commit);
    }

    /** A line for the queue: what goes where. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        part(sb, studyUids, "study", "studies");
        part(sb, seriesUids, "series", "series");
        part(sb, instanceUids, "instance", "instances");
        sb.append(" to ").append(destination.aeTitle()).append('@').append(destination.host()).append(':')
                .append(destination.port());
        if (commit) {
            sb.append(", with commitment");
        }
        return sb.toString();
    }

    private static void part(StringBuilder sb, List<String> uids, String one, String many) {
        if (uids.isEmpty()) {
            return;
        }
        if (sb.length() > 0) {
            sb.append(", ");
        }
        sb.append(uids.size() == 1 ? one + " " + uids.get(0) : uids.size() + " " + many);
    }
}
