package org.lightbox.dicom.net.pdu;

/** SOP class extended negotiation sub-item (PS3.7 D.3.3.5): service-class-specific bytes, passed through. */
public record ExtendedNegotiation(String sopClassUid, byte[] applicationInformation) {
    public ExtendedNegotiation {
        applicationInformation = applicationInformation.clone();
    }

    @Override
    public byte[] applicationInformation() {
        return applicationInformation.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExtendedNegotiation e && e.sopClassUid.equals(sopClassUid)
                && java.util.Arrays.equals(e.applicationInformation, applicationInformation);
    }

    @Override
    public int hashCode() {
        return sopClassUid.hashCode() * 31 + java.util.Arrays.hashCode(applicationInformation);
    }
}
