package org.lightbox.dicom.net.pdu;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** User identity negotiation sub-item of a request (PS3.7 D.3.3.7.1). */
public record UserIdentity(int type, boolean positiveResponseRequested, byte[] primaryField, byte[] secondaryField) {
    public static final int USERNAME = 1;
    public static final int USERNAME_AND_PASSCODE = 2;
    public static final int KERBEROS = 3;
    public static final int SAML = 4;
    public static final int JWT = 5;

    public UserIdentity {
        primaryField = primaryField.clone();
        secondaryField = secondaryField == null ? new byte[0] : secondaryField.clone();
    }

    public static UserIdentity username(String user, boolean positiveResponseRequested) {
        return new UserIdentity(USERNAME, positiveResponseRequested, user.getBytes(StandardCharsets.UTF_8), null);
    }

    public static UserIdentity usernameAndPasscode(String user, char[] passcode, boolean positiveResponseRequested) {
        return new UserIdentity(USERNAME_AND_PASSCODE, positiveResponseRequested,
                user.getBytes(StandardCharsets.UTF_8), new String(passcode).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] primaryField() {
        return primaryField.clone();
    }

    @Override
    public byte[] secondaryField() {
        return secondaryField.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserIdentity u && u.type == type && u.positiveResponseRequested == positiveResponseRequested
                && Arrays.equals(u.primaryField, primaryField) && Arrays.equals(u.secondaryField, secondaryField);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(primaryField);
    }

    /** Never prints the secondary field: it is a passcode. */
    @Override
    public String toString() {
        return "UserIdentity[type=" + type + ", positiveResponseRequested=" + positiveResponseRequested + "]";
    }
}
