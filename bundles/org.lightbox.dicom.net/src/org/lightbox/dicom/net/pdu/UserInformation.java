package org.lightbox.dicom.net.pdu;

import java.util.ArrayList;
import java.util.List;

/**
 * The user information item (PS3.8 9.3.2.3 / PS3.7 Annex D) of an A-ASSOCIATE-RQ or -AC: every sub-item in
 * one place. Lists are live and mutable so a negotiation can build them up.
 */
public final class UserInformation {
    /** 0 means "no limit" (PS3.8 D.1). */
    private long maxPduLength;
    private String implementationClassUid;
    private String implementationVersionName;
    /** -1 = sub-item absent. */
    private int maxOperationsInvoked = -1;
    private int maxOperationsPerformed = -1;
    private final List<RoleSelection> roleSelections = new ArrayList<>();
    private final List<ExtendedNegotiation> extendedNegotiations = new ArrayList<>();
    private final List<CommonExtendedNegotiation> commonExtendedNegotiations = new ArrayList<>();
    private UserIdentity userIdentity;
    private UserIdentityResponse userIdentityResponse;

    public long maxPduLength() {
        return maxPduLength;
    }

    public UserInformation maxPduLength(long v) {
        if (v < 0 || v > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("maximum PDU length out of range: " + v);
        }
        this.maxPduLength = v;
        return this;
    }

    public String implementationClassUid() {
        return implementationClassUid;
    }

    public UserInformation implementationClassUid(String v) {
        this.implementationClassUid = v;
        return this;
    }

    public String implementationVersionName() {
        return implementationVersionName;
    }

    public UserInformation implementationVersionName(String v) {
        this.implementationVersionName = v;
        return this;
    }

    public boolean hasAsyncOperationsWindow() {
        return maxOperationsInvoked >= 0;
    }

    public int maxOperationsInvoked() {
        return maxOperationsInvoked;
    }

    public int maxOperationsPerformed() {
        return maxOperationsPerformed;
    }

    public UserInformation asyncOperationsWindow(int invoked, int performed) {
        if (invoked < 0 || invoked > 0xFFFF || performed < 0 || performed > 0xFFFF) {
            throw new IllegalArgumentException("asynchronous operations window out of range");
        }
        this.maxOperationsInvoked = invoked;
        this.maxOperationsPerformed = performed;
        return this;
    }

    public List<RoleSelection> roleSelections() {
        return roleSelections;
    }

    public RoleSelection roleSelection(String sopClassUid) {
        for (RoleSelection r : roleSelections) {
            if (r.sopClassUid().equals(sopClassUid)) {
                return r;
            }
        }
        return null;
    }

    public List<ExtendedNegotiation> extendedNegotiations() {
        return extendedNegotiations;
    }

    public List<CommonExtendedNegotiation> commonExtendedNegotiations() {
        return commonExtendedNegotiations;
    }

    public UserIdentity userIdentity() {
        return userIdentity;
    }

    public UserInformation userIdentity(UserIdentity v) {
        this.userIdentity = v;
        return this;
    }

    public UserIdentityResponse userIdentityResponse() {
        return userIdentityResponse;
    }

    public UserInformation userIdentityResponse(UserIdentityResponse v) {
        this.userIdentityResponse = v;
        return this;
    }
}
