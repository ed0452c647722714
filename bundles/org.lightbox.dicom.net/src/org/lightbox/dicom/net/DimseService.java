package org.lightbox.dicom.net;

/**
 * Answers DIMSE requests of the SOP classes and commands it is registered for in a {@link DicomServiceRegistry}.
 * One interface for every service: storage, query, commitment, verification. C-STORE requests run on the
 * association's reading thread with the data set streaming in; all other requests run on the executor with the
 * data set in memory, so a C-CANCEL can arrive meanwhile.
 */
@FunctionalInterface
public interface DimseService {

    /**
     * Handles one request and sends its response(s) through {@code request}. If it returns without a final
     * response, the framework answers "processing failure". A {@link DimseStatusException} becomes that status;
     * any other exception becomes processing failure with the message as error comment.
     */
    void onRequest(DimseRequest request) throws Exception;
}
