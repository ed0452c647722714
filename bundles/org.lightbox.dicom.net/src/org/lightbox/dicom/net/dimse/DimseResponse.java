package org.lightbox.dicom.net.dimse;

/**
 * A response as received by a requestor: the command, its status, and the data set (e.g. a C-FIND match or
 * the failed SOP instance list of C-MOVE/C-GET) in the presentation context's transfer syntax.
 */
public record DimseResponse(int presentationContextId, String transferSyntax, CommandSet command, byte[] dataSet) {

    public Status status() {
        return Status.of(command.status());
    }

    public boolean hasDataSet() {
        return dataSet != null;
    }

    public String errorComment() {
        return command.getString(CommandTag.ErrorComment);
    }

    /** A sub-operation counter of C-MOVE/C-GET responses, or -1 if absent. */
    public int subOperations(int tag) {
        return command.getInt(tag, -1);
    }

    /** The Failed SOP Instance UID List (0008,0058) of a C-MOVE/C-GET response data set. */
    public java.util.List<String> failedSopInstanceUids() {
        return dataSet == null ? java.util.List.of() : FailedSopInstanceList.parse(dataSet, transferSyntax);
    }

    @Override
    public String toString() {
        return command.toString() + (dataSet == null ? "" : " + data set of " + dataSet.length + " bytes");
    }
}
