package org.lightbox.dicom.net.dimse;

/** Command group (0000) elements of PS3.7 E.1-1 with their VRs; the only tags a command set may hold. */
public final class CommandTag {
    public static final int CommandGroupLength = 0x00000000;
    public static final int AffectedSOPClassUID = 0x00000002;
    public static final int RequestedSOPClassUID = 0x00000003;
    public static final int CommandField = 0x00000100;
    public static final int MessageID = 0x00000110;
    public static final int MessageIDBeingRespondedTo = 0x00000120;
    public static final int MoveDestination = 0x00000600;
    public static final int Priority = 0x00000700;
    public static final int CommandDataSetType = 0x00000800;
    public static final int Status = 0x00000900;
    public static final int OffendingElement = 0x00000901;
    public static final int ErrorComment = 0x00000902;
    public static final int ErrorID = 0x00000903;
    public static final int AffectedSOPInstanceUID = 0x00001000;
    public static final int RequestedSOPInstanceUID = 0x00001001;
    public static final int EventTypeID = 0x00001002;
    public static final int AttributeIdentifierList = 0x00001005;
    public static final int ActionTypeID = 0x00001008;
    public static final int NumberOfRemainingSuboperations = 0x00001020;
    public static final int NumberOfCompletedSuboperations = 0x00001021;
    public static final int NumberOfFailedSuboperations = 0x00001022;
    public static final int NumberOfWarningSuboperations = 0x00001023;
    public static final int MoveOriginatorApplicationEntityTitle = 0x00001030;
    public static final int MoveOriginatorMessageID = 0x00001031;

    /** CommandDataSetType value meaning "no data set follows"; any other value means one does. */
    public static final int NO_DATA_SET = 0x0101;
    public static final int DATA_SET_PRESENT = 0x0001;

    public static final int PRIORITY_MEDIUM = 0;
    public static final int PRIORITY_HIGH = 1;
    public static final int PRIORITY_LOW = 2;

    private CommandTag() {
    }

    /** The value kind of a command element. */
    enum Kind { UI, US, UL, AE, LO, AT, CS }

    static Kind kindOf(int tag) {
        switch (tag) {
            case AffectedSOPClassUID: case RequestedSOPClassUID: case AffectedSOPInstanceUID:
            case RequestedSOPInstanceUID:
                return Kind.UI;
            case CommandGroupLength:
                return Kind.UL;
            case MoveDestination: case MoveOriginatorApplicationEntityTitle:
                return Kind.AE;
            case ErrorComment:
                return Kind.LO;
            case OffendingElement: case AttributeIdentifierList:
                return Kind.AT;
            case CommandField: case MessageID: case MessageIDBeingRespondedTo: case Priority: case CommandDataSetType:
            case Status: case ErrorID: case EventTypeID: case ActionTypeID: case NumberOfRemainingSuboperations:
            case NumberOfCompletedSuboperations: case NumberOfFailedSuboperations: case NumberOfWarningSuboperations:
            case MoveOriginatorMessageID:
                return Kind.US;
            default:
                return null;
        }
    }
}
