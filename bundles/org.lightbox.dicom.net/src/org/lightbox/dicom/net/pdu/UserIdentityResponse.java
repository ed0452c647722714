package org.lightbox.dicom.net.pdu;

/** User identity negotiation sub-item of an acceptance (PS3.7 D.3.3.7.2). */
public record UserIdentityResponse(byte[] serverResponse) {
    public UserIdentityResponse {
        serverResponse = serverResponse.clone();
    }

    @Override
    public byte[] serverResponse() {
        return serverResponse.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserIdentityResponse r && java.util.Arrays.equals(r.serverResponse, serverResponse);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(serverResponse);
    }
}
