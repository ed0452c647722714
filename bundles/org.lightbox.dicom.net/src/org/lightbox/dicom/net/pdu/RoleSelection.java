package org.lightbox.dicom.net.pdu;

/**
 * SCP/SCU role selection sub-item (PS3.7 D.3.3.4). In a request the flags say which roles the requestor
 * proposes to take; in an acceptance which of them the acceptor grants.
 */
public record RoleSelection(String sopClassUid, boolean scuRole, boolean scpRole) {
}
