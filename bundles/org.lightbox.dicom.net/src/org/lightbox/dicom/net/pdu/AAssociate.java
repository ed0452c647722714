package org.lightbox.dicom.net.pdu;

/** What A-ASSOCIATE-RQ and -AC PDUs share (PS3.8 9.3.2, 9.3.3). */
public abstract class AAssociate {
    /** The DICOM application context name (PS3.7 A.2.1), the only one defined. */
    public static final String DICOM_APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1";

    private int protocolVersion = 1;
    private String calledAeTitle = "ANY-SCP";
    private String callingAeTitle = "ANY-SCU";
    private String applicationContext = DICOM_APPLICATION_CONTEXT;
    private final UserInformation userInformation = new UserInformation();

    public int protocolVersion() {
        return protocolVersion;
    }

    public AAssociate protocolVersion(int v) {
        this.protocolVersion = v;
        return this;
    }

    public String calledAeTitle() {
        return calledAeTitle;
    }

    public String callingAeTitle() {
        return callingAeTitle;
    }

    /** Sets the called AE title; it must be 1..16 characters of the default repertoire without backslash. */
    public AAssociate calledAeTitle(String v) {
        this.calledAeTitle = checkAeTitle(v);
        return this;
    }

    public AAssociate callingAeTitle(String v) {
        this.callingAeTitle = checkAeTitle(v);
        return this;
    }

    public String applicationContext() {
        return applicationContext;
    }

    public AAssociate applicationContext(String v) {
        this.applicationContext = v;
        return this;
    }

    public UserInformation userInformation() {
        return userInformation;
    }

    static String checkAeTitle(String v) {
        String t = v == null ? "" : v.strip();
        if (t.isEmpty() || t.length() > 16) {
            throw new IllegalArgumentException("AE title must be 1..16 characters: '" + v + "'");
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '\\') {
                throw new IllegalArgumentException("AE title has an invalid character: '" + v + "'");
            }
        }
        return t;
    }
}
