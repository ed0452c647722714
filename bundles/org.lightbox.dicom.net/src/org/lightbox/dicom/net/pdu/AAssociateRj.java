package org.lightbox.dicom.net.pdu;

/** A-ASSOCIATE-RJ PDU (PS3.8 9.3.4): result (permanent/transient), source and reason. */
public record AAssociateRj(int result, int source, int reason) {
    public static final int RESULT_PERMANENT = 1;
    public static final int RESULT_TRANSIENT = 2;

    public static final int SOURCE_SERVICE_USER = 1;
    public static final int SOURCE_SERVICE_PROVIDER_ACSE = 2;
    public static final int SOURCE_SERVICE_PROVIDER_PRESENTATION = 3;

    // source 1 (service-user)
    public static final int REASON_NO_REASON_GIVEN = 1;
    public static final int REASON_APPLICATION_CONTEXT_NAME_NOT_SUPPORTED = 2;
    public static final int REASON_CALLING_AE_TITLE_NOT_RECOGNIZED = 3;
    public static final int REASON_CALLED_AE_TITLE_NOT_RECOGNIZED = 7;
    // source 2 (ACSE)
    public static final int REASON_PROTOCOL_VERSION_NOT_SUPPORTED = 2;
    // source 3 (presentation)
    public static final int REASON_TEMPORARY_CONGESTION = 1;
    public static final int REASON_LOCAL_LIMIT_EXCEEDED = 2;

    public static AAssociateRj callingAeNotRecognized() {
        return new AAssociateRj(RESULT_PERMANENT, SOURCE_SERVICE_USER, REASON_CALLING_AE_TITLE_NOT_RECOGNIZED);
    }

    public static AAssociateRj calledAeNotRecognized() {
        return new AAssociateRj(RESULT_PERMANENT, SOURCE_SERVICE_USER, REASON_CALLED_AE_TITLE_NOT_RECOGNIZED);
    }

    public static AAssociateRj applicationContextNotSupported() {
        return new AAssociateRj(RESULT_PERMANENT, SOURCE_SERVICE_USER, REASON_APPLICATION_CONTEXT_NAME_NOT_SUPPORTED);
    }

    public static AAssociateRj noReason() {
        return new AAssociateRj(RESULT_PERMANENT, SOURCE_SERVICE_USER, REASON_NO_REASON_GIVEN);
    }

    public static AAssociateRj localLimitExceeded() {
        return new AAssociateRj(RESULT_TRANSIENT, SOURCE_SERVICE_PROVIDER_PRESENTATION, REASON_LOCAL_LIMIT_EXCEEDED);
    }

    /** Transient, from the presentation-related provider: the acceptor cannot take it now, try again later. */
    public static AAssociateRj temporaryCongestion() {
        return new AAssociateRj(RESULT_TRANSIENT, SOURCE_SERVICE_PROVIDER_PRESENTATION, REASON_TEMPORARY_CONGESTION);
    }

    public static AAssociateRj protocolVersionNotSupported() {
        return new AAssociateRj(RESULT_PERMANENT, SOURCE_SERVICE_PROVIDER_ACSE, REASON_PROTOCOL_VERSION_NOT_SUPPORTED);
    }

    public boolean isPermanent() {
        return result == RESULT_PERMANENT;
    }

    public String describe() {
        String res = result == RESULT_PERMANENT ? "permanent" : result == RESULT_TRANSIENT ? "transient" : "result " + result;
        String src;
        String why;
        switch (source) {
            case SOURCE_SERVICE_USER:
                src = "service-user";
                why = reason == REASON_NO_REASON_GIVEN ? "no reason given"
                        : reason == REASON_APPLICATION_CONTEXT_NAME_NOT_SUPPORTED ? "application context name not supported"
                        : reason == REASON_CALLING_AE_TITLE_NOT_RECOGNIZED ? "calling AE title not recognized"
                        : reason == REASON_CALLED_AE_TITLE_NOT_RECOGNIZED ? "called AE title not recognized"
                        : "reason " + reason;
                break;
            case SOURCE_SERVICE_PROVIDER_ACSE:
                src = "service-provider (ACSE)";
                why = reason == 1 ? "no reason given"
                        : reason == REASON_PROTOCOL_VERSION_NOT_SUPPORTED ? "protocol version not supported"
                        : "reason " + reason;
                break;
            case SOURCE_SERVICE_PROVIDER_PRESENTATION:
                src = "service-provider (presentation)";
                why = reason == REASON_TEMPORARY_CONGESTION ? "temporary congestion"
                        : reason == REASON_LOCAL_LIMIT_EXCEEDED ? "local limit exceeded" : "reason " + reason;
                break;
            default:
                src = "source " + source;
                why = "reason " + reason;
        }
        return "A-ASSOCIATE-RJ " + res + ", " + src + ": " + why;
    }
}
