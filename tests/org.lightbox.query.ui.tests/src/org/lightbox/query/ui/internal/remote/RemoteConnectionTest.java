package org.lightbox.query.ui.internal.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.catalog.InformationModel;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.query.Cancellation;
import org.lightbox.query.QueryRetrieveScu;
import org.lightbox.query.ui.internal.QrArchive;
import org.lightbox.query.ui.internal.RemoteCorpus;

/** The kept query association is opened again when the peer dropped it, and the query is not lost. */
class RemoteConnectionTest {

    @TempDir
    Path dir;

    @Test
    void aDroppedAssociationIsReopenedAndTheQueryRepeated() throws Exception {
        try (QrArchive archive = new QrArchive(dir.resolve("qr"), Map.of())) {
            archive.load(new RemoteCorpus().write(dir.resolve("corpus")));
            try (RemoteConnection c = new RemoteConnection(new QueryRetrieveScu("QUI",
                    org.lightbox.dicom.net.ConnectionOptions.defaults()), archive.remote())) {
                RemoteSearch search = new RemoteSearch(c, InformationModel.STUDY_ROOT);
                assertEquals(3, search.studies(QueryCriteria.ANY, new Cancellation()).size());
                assertEquals(1, c.associationsOpened());
                archive.dropAssociations();
                List<Attributes> again = search.studies(QueryCriteria.ANY, new Cancellation());
                assertEquals(3, again.size(), archive.log());
                assertEquals(2, c.associationsOpened(), "a new association replaced the dropped one");
                RemoteNode study = new RemoteNode(org.lightbox.catalog.QueryLevel.STUDY, again.get(0), null);
                assertTrue(search.children(study, new Cancellation()).size() >= 1);
                assertEquals(2, c.associationsOpened(), "the new association is kept");
            }
        }
    }
}
