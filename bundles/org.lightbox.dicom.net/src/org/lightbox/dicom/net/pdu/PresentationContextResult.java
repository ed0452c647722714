package org.lightbox.dicom.net.pdu;

/** The acceptor's answer to one presentation context (PS3.8 9.3.3.2). */
public record PresentationContextResult(int id, int result, String transferSyntax) {
    public static final int ACCEPTANCE = 0;
    public static final int USER_REJECTION = 1;
    public static final int NO_REASON = 2;
    public static final int ABSTRACT_SYNTAX_NOT_SUPPORTED = 3;
    public static final int TRANSFER_SYNTAXES_NOT_SUPPORTED = 4;

    public boolean isAccepted() {
        return result == ACCEPTANCE;
    }

    public static String describe(int result) {
        switch (result) {
            case ACCEPTANCE: return "acceptance";
            case USER_REJECTION: return "user rejection";
            case NO_REASON: return "no reason (provider rejection)";
            case ABSTRACT_SYNTAX_NOT_SUPPORTED: return "abstract syntax not supported";
            case TRANSFER_SYNTAXES_NOT_SUPPORTED: return "transfer syntaxes not supported";
            default: return "result " + result;
        }
    }
}
