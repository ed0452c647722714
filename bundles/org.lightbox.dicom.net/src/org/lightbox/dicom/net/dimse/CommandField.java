package org.lightbox.dicom.net.dimse;

/** DIMSE command field values (PS3.7 E.1, tag (0000,0100)). */
public enum CommandField {
    C_STORE_RQ(0x0001), C_STORE_RSP(0x8001),
    C_GET_RQ(0x0010), C_GET_RSP(0x8010),
    C_FIND_RQ(0x0020), C_FIND_RSP(0x8020),
    C_MOVE_RQ(0x0021), C_MOVE_RSP(0x8021),
    C_ECHO_RQ(0x0030), C_ECHO_RSP(0x8030),
    N_EVENT_REPORT_RQ(0x0100), N_EVENT_REPORT_RSP(0x8100),
    N_GET_RQ(0x0110), N_GET_RSP(0x8110),
    N_SET_RQ(0x0120), N_SET_RSP(0x8120),
    N_ACTION_RQ(0x0130), N_ACTION_RSP(0x8130),
    N_CREATE_RQ(0x0140), N_CREATE_RSP(0x8140),
    N_DELETE_RQ(0x0150), N_DELETE_RSP(0x8150),
    C_CANCEL_RQ(0x0FFF);

    public final int code;

    CommandField(int code) {
        this.code = code;
    }

    public boolean isResponse() {
        return (code & 0x8000) != 0;
    }

    public boolean isRequest() {
        return !isResponse();
    }

    /** For an -RQ the matching -RSP; C-CANCEL-RQ has none. */
    public CommandField response() {
        return this == C_CANCEL_RQ || isResponse() ? null : of(code | 0x8000);
    }

    /** True for the N-* (normalized) services, whose requests name the SOP class as "requested" (0000,0003). */
    public boolean isNormalized() {
        return (code & 0x0100) != 0;
    }

    /** DICOM spelling, e.g. {@code C-STORE-RQ}. */
    public String label() {
        return name().replace('_', '-');
    }

    /** values() copies the array on every call; of() runs several times per message. */
    private static final CommandField[] ALL = values();

    public static CommandField of(int code) {
        for (CommandField f : ALL) {
            if (f.code == code) {
                return f;
            }
        }
        return null;
    }
}
