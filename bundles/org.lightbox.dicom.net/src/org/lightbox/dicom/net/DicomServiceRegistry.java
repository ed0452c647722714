package org.lightbox.dicom.net;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.lightbox.dicom.net.dimse.CommandField;
import org.lightbox.dicom.net.dimse.Status;

/**
 * The SCP side's services keyed by SOP class and request command. Thread-safe; services may be added and
 * removed while associations run (e.g. as OSGi services come and go).
 */
public final class DicomServiceRegistry {
    /** The Verification SOP class (PS3.4 A.4). */
    public static final String VERIFICATION = "1.2.840.10008.1.1";

    /** Answers C-ECHO with success. */
    public static final DimseService ECHO = r -> r.respond(Status.SUCCESS);

    private final Map<String, DimseService> services = new ConcurrentHashMap<>();

    private static String key(String sopClassUid, CommandField request) {
        return sopClassUid + '|' + request.code;
    }

    public DicomServiceRegistry register(String sopClassUid, CommandField request, DimseService service) {
        if (!request.isRequest() || request == CommandField.C_CANCEL_RQ) {
            throw new IllegalArgumentException("services answer requests, not " + request.label());
        }
        services.put(key(sopClassUid, request), service);
        return this;
    }

    public DicomServiceRegistry register(Collection<String> sopClassUids, CommandField request, DimseService service) {
        for (String uid : sopClassUids) {
            register(uid, request, service);
        }
        return this;
    }

    /** Registers the built-in C-ECHO service for the Verification SOP class. */
    public DicomServiceRegistry withVerification() {
        return register(VERIFICATION, CommandField.C_ECHO_RQ, ECHO);
    }

    public DicomServiceRegistry unregister(String sopClassUid, CommandField request) {
        services.remove(key(sopClassUid, request));
        return this;
    }

    public DimseService lookup(String sopClassUid, CommandField request) {
        return sopClassUid == null ? null : services.get(key(sopClassUid, request));
    }

    /** The SOP classes with at least one service: what an acceptor policy supports by default. */
    public Set<String> sopClasses() {
        Set<String> s = new LinkedHashSet<>();
        for (String k : services.keySet()) {
            s.add(k.substring(0, k.indexOf('|')));
        }
        return s;
    }
}
