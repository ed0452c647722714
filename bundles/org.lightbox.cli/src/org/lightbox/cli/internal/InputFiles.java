package org.lightbox.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The files a command's FILE|DIR arguments name: folders are walked recursively, in name order. */
final class InputFiles {

    private InputFiles() {
    }

    /**
     * The regular files under {@code root}, or {@code root} itself when it is a file. A missing path throws
     * {@link NoSuchFileException} whose message is {@code "<root>: no such file or folder"}.
     */
    static List<Path> under(Path root) throws IOException {
        if (Files.isDirectory(root)) {
            try (Stream<Path> walk = Files.walk(root)) {
                return walk.filter(Files::isRegularFile).sorted().toList();
            }
        }
        if (Files.isRegularFile(root)) {
            return List.of(root);
        }
        throw new NoSuchFileException(root.toString(), null, "no such file or folder");
    }
}
