package org.lightbox.storage.ui;

import java.util.List;

import org.lightbox.catalog.StudyRecord;

/**
 * A selection element of the local study browser that stands for several studies (a patient row). Commands of
 * other bundles ("Send to...", export) act on its studies; single studies and series are selected as the
 * catalog's own {@link StudyRecord} and {@code SeriesRecord}.
 */
public interface StudyGroup {

    List<StudyRecord> studies();
}
