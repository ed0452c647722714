package org.lightbox.cli.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sends Derby's log of the commands' embedded catalogs to a temporary file, so that tests do not write derby.log
 * into the working directory. Call it before Derby boots (a static initializer of the test class).
 */
final class DerbyLog {

    private DerbyLog() {
    }

    static synchronized void toTemporaryFile() {
        if (System.getProperty("derby.stream.error.file") != null) {
            return;
        }
        try {
            Path log = Files.createTempDirectory("lightbox-cli-derby");
            log.toFile().deleteOnExit();
            log.resolve("derby.log").toFile().deleteOnExit();
            System.setProperty("derby.stream.error.file", log.resolve("derby.log").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
