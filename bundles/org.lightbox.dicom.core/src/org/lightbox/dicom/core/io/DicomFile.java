package org.lightbox.dicom.core.io;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.TransferSyntax;

/**
 * What {@link DicomReader#readFile} returns: the file meta information ({@code null} for a bare data set), the
 * data set and the transfer syntax it was read with.
 */
public record DicomFile(Attributes fileMetaInformation, Attributes dataset, TransferSyntax transferSyntax) {
}
