package org.lightbox.dicom.net.pdu;

/** A-ABORT PDU (PS3.8 9.3.8): who aborted and why. */
public record AAbort(int source, int reason) {
    public static final int SOURCE_SERVICE_USER = 0;
    public static final int SOURCE_SERVICE_PROVIDER = 2;

    public static final int REASON_NOT_SPECIFIED = 0;
    public static final int REASON_UNRECOGNIZED_PDU = 1;
    public static final int REASON_UNEXPECTED_PDU = 2;
    public static final int REASON_UNRECOGNIZED_PDU_PARAMETER = 4;
    public static final int REASON_UNEXPECTED_PDU_PARAMETER = 5;
    public static final int REASON_INVALID_PDU_PARAMETER_VALUE = 6;

    public static AAbort byUser() {
        return new AAbort(SOURCE_SERVICE_USER, REASON_NOT_SPECIFIED);
    }

    public static AAbort byProvider(int reason) {
        return new AAbort(SOURCE_SERVICE_PROVIDER, reason);
    }

    public String describe() {
        String src = source == SOURCE_SERVICE_USER ? "service-user"
                : source == SOURCE_SERVICE_PROVIDER ? "service-provider" : "source " + source;
        if (source == SOURCE_SERVICE_USER) {
            return "A-ABORT by " + src;
        }
        String why;
        switch (reason) {
            case REASON_NOT_SPECIFIED: why = "reason not specified"; break;
            case REASON_UNRECOGNIZED_PDU: why = "unrecognized PDU"; break;
            case REASON_UNEXPECTED_PDU: why = "unexpected PDU"; break;
            case REASON_UNRECOGNIZED_PDU_PARAMETER: why = "unrecognized PDU parameter"; break;
            case REASON_UNEXPECTED_PDU_PARAMETER: why = "unexpected PDU parameter"; break;
            case REASON_INVALID_PDU_PARAMETER_VALUE: why = "invalid PDU parameter value"; break;
            default: why = "reason " + reason;
        }
        return "A-ABORT by " + src + ": " + why;
    }
}
