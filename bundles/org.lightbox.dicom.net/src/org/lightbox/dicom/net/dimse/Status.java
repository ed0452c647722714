package org.lightbox.dicom.net.dimse;

import java.util.HashMap;
import java.util.Map;

/**
 * A DIMSE status code (PS3.7 Annex C) with its class and meaning. Codes outside the table still classify
 * correctly (ranges A7xx, A9xx, Cxxx are failures, Bxxx warnings) and get a generic meaning.
 */
public final class Status {

    /** The status classes of PS3.7 C.1. */
    public enum Kind { SUCCESS, PENDING, CANCEL, WARNING, FAILURE }

    public static final int SUCCESS = 0x0000;
    public static final int PENDING = 0xFF00;
    public static final int PENDING_WARNING = 0xFF01;
    public static final int CANCEL = 0xFE00;
    public static final int WARNING_OPTIONAL_ATTRIBUTES_NOT_SUPPORTED = 0x0001;
    public static final int ATTRIBUTE_LIST_ERROR = 0x0107;
    public static final int ATTRIBUTE_VALUE_OUT_OF_RANGE = 0x0116;
    public static final int COERCION_OF_DATA_ELEMENTS = 0xB000;
    public static final int SUB_OPERATIONS_COMPLETE_WITH_FAILURES = 0xB000;
    public static final int ELEMENTS_DISCARDED = 0xB006;
    public static final int DATA_SET_DOES_NOT_MATCH_SOP_CLASS_WARNING = 0xB007;
    public static final int OUT_OF_RESOURCES = 0xA700;
    public static final int OUT_OF_RESOURCES_NUMBER_OF_MATCHES = 0xA701;
    public static final int OUT_OF_RESOURCES_SUB_OPERATIONS = 0xA702;
    public static final int MOVE_DESTINATION_UNKNOWN = 0xA801;
    public static final int DATA_SET_DOES_NOT_MATCH_SOP_CLASS = 0xA900;
    public static final int IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS = 0xA900;
    public static final int CANNOT_UNDERSTAND = 0xC000;
    public static final int UNABLE_TO_PROCESS = 0xC001;
    public static final int NO_SUCH_ATTRIBUTE = 0x0105;
    public static final int INVALID_ATTRIBUTE_VALUE = 0x0106;
    public static final int PROCESSING_FAILURE = 0x0110;
    public static final int DUPLICATE_SOP_INSTANCE = 0x0111;
    public static final int NO_SUCH_SOP_INSTANCE = 0x0112;
    public static final int NO_SUCH_EVENT_TYPE = 0x0113;
    public static final int NO_SUCH_ARGUMENT = 0x0114;
    public static final int INVALID_ARGUMENT_VALUE = 0x0115;
    public static final int INVALID_OBJECT_INSTANCE = 0x0117;
    public static final int NO_SUCH_SOP_CLASS = 0x0118;
    public static final int CLASS_INSTANCE_CONFLICT = 0x0119;
    public static final int MISSING_ATTRIBUTE = 0x0120;
    public static final int MISSING_ATTRIBUTE_VALUE = 0x0121;
    public static final int SOP_CLASS_NOT_SUPPORTED = 0x0122;
    public static final int NO_SUCH_ACTION = 0x0123;
    public static final int NOT_AUTHORIZED = 0x0124;
    public static final int DUPLICATE_INVOCATION = 0x0210;
    public static final int UNRECOGNIZED_OPERATION = 0x0211;
    public static final int MISTYPED_ARGUMENT = 0x0212;
    public static final int RESOURCE_LIMITATION = 0x0213;

    private static final Map<Integer, String> MEANINGS = new HashMap<>();

    static {
        MEANINGS.put(SUCCESS, "Success");
        MEANINGS.put(PENDING, "Pending");
        MEANINGS.put(PENDING_WARNING, "Pending: optional keys not supported");
        MEANINGS.put(CANCEL, "Cancel: operation terminated by cancel request");
        MEANINGS.put(WARNING_OPTIONAL_ATTRIBUTES_NOT_SUPPORTED, "Warning: requested optional attributes are not supported");
        MEANINGS.put(ATTRIBUTE_LIST_ERROR, "Warning: attribute list error");
        MEANINGS.put(ATTRIBUTE_VALUE_OUT_OF_RANGE, "Warning: attribute value out of range");
        MEANINGS.put(0xB000, "Warning: coercion of data elements, or sub-operations complete with failures");
        MEANINGS.put(ELEMENTS_DISCARDED, "Warning: elements discarded");
        MEANINGS.put(DATA_SET_DOES_NOT_MATCH_SOP_CLASS_WARNING, "Warning: data set does not match SOP class");
        MEANINGS.put(OUT_OF_RESOURCES, "Refused: out of resources");
        MEANINGS.put(OUT_OF_RESOURCES_NUMBER_OF_MATCHES, "Refused: out of resources, unable to calculate number of matches");
        MEANINGS.put(OUT_OF_RESOURCES_SUB_OPERATIONS, "Refused: out of resources, unable to perform sub-operations");
        MEANINGS.put(MOVE_DESTINATION_UNKNOWN, "Refused: move destination unknown");
        MEANINGS.put(0xA900, "Error: data set or identifier does not match SOP class");
        MEANINGS.put(CANNOT_UNDERSTAND, "Error: cannot understand");
        MEANINGS.put(UNABLE_TO_PROCESS, "Failed: unable to process");
        MEANINGS.put(NO_SUCH_ATTRIBUTE, "Failure: no such attribute");
        MEANINGS.put(INVALID_ATTRIBUTE_VALUE, "Failure: invalid attribute value");
        MEANINGS.put(PROCESSING_FAILURE, "Failure: processing failure");
        MEANINGS.put(DUPLICATE_SOP_INSTANCE, "Failure: duplicate SOP instance");
        MEANINGS.put(NO_SUCH_SOP_INSTANCE, "Failure: no such SOP instance");
        MEANINGS.put(NO_SUCH_EVENT_TYPE, "Failure: no such event type");
        MEANINGS.put(NO_SUCH_ARGUMENT, "Failure: no such argument");
        MEANINGS.put(INVALID_ARGUMENT_VALUE, "Failure: invalid argument value");
        MEANINGS.put(INVALID_OBJECT_INSTANCE, "Failure: invalid object instance");
        MEANINGS.put(NO_SUCH_SOP_CLASS, "Failure: no such SOP class");
        MEANINGS.put(CLASS_INSTANCE_CONFLICT, "Failure: class-instance conflict");
        MEANINGS.put(MISSING_ATTRIBUTE, "Failure: missing attribute");
        MEANINGS.put(MISSING_ATTRIBUTE_VALUE, "Failure: missing attribute value");
        MEANINGS.put(SOP_CLASS_NOT_SUPPORTED, "Refused: SOP class not supported");
        MEANINGS.put(NO_SUCH_ACTION, "Failure: no such action");
        MEANINGS.put(NOT_AUTHORIZED, "Refused: not authorized");
        MEANINGS.put(DUPLICATE_INVOCATION, "Failure: duplicate invocation");
        MEANINGS.put(UNRECOGNIZED_OPERATION, "Failure: unrecognized operation");
        MEANINGS.put(MISTYPED_ARGUMENT, "Failure: mistyped argument");
        MEANINGS.put(RESOURCE_LIMITATION, "Failure: resource limitation");
    }

    private final int code;

    private Status(int code) {
        this.code = code;
    }

    public static Status of(int code) {
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException("status code out of range: " + code);
        }
        return new Status(code);
    }

    public int code() {
        return code;
    }

    public static Kind kindOf(int code) {
        if (code == SUCCESS) {
            return Kind.SUCCESS;
        }
        if (code == PENDING || code == PENDING_WARNING) {
            return Kind.PENDING;
        }
        if (code == CANCEL) {
            return Kind.CANCEL;
        }
        if (code == WARNING_OPTIONAL_ATTRIBUTES_NOT_SUPPORTED || code == ATTRIBUTE_LIST_ERROR
                || code == ATTRIBUTE_VALUE_OUT_OF_RANGE || (code & 0xF000) == 0xB000) {
            return Kind.WARNING;
        }
        return Kind.FAILURE;
    }

    public Kind kind() {
        return kindOf(code);
    }

    public boolean isSuccess() {
        return code == SUCCESS;
    }

    public boolean isPending() {
        return kind() == Kind.PENDING;
    }

    public boolean isWarning() {
        return kind() == Kind.WARNING;
    }

    public boolean isFailure() {
        return kind() == Kind.FAILURE;
    }

    /** True for the final statuses that mean the operation did what was asked (success or warning). */
    public boolean isSuccessOrWarning() {
        return code == SUCCESS || kind() == Kind.WARNING;
    }

    public static String meaning(int code) {
        String m = MEANINGS.get(code);
        if (m != null) {
            return m;
        }
        switch ((code & 0xFF00)) {
            case 0xA700: return "Refused: out of resources";
            case 0xA900: return "Error: data set does not match SOP class";
            default:
        }
        if ((code & 0xF000) == 0xC000) {
            return "Error: cannot understand";
        }
        if ((code & 0xF000) == 0xB000) {
            return "Warning";
        }
        return kindOf(code) == Kind.FAILURE ? "Failure" : kindOf(code).name();
    }

    public String meaning() {
        return meaning(code);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Status s && s.code == code;
    }

    @Override
    public int hashCode() {
        return code;
    }

    /** E.g. {@code A700H Refused: out of resources}. */
    @Override
    public String toString() {
        return String.format("%04XH %s", code, meaning());
    }
}
