package org.lightbox.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.lightbox.cli.Command;
import org.lightbox.cli.UsageException;
import org.lightbox.dicom.core.io.DicomDump;
import org.lightbox.dicom.core.io.DicomFormatException;
import org.osgi.service.component.annotations.Component;

/**
 * {@code lightbox dump [--no-pixel] FILE|DIR...}: prints each file as dcmdump does, walking folders recursively in
 * name order. A file that is not valid DICOM gets a one-line reason on the error stream (what, byte offset, tag
 * path); the others are still dumped, and the exit status is then 1.
 */
@Component(service = Command.class)
public final class DumpCommand implements Command {

    @Override
    public String name() {
        return "dump";
    }

    @Override
    public String summary() {
        return "print DICOM files element by element, like dcmdump";
    }

    @Override
    public String usage() {
        return "usage: lightbox dump [--no-pixel] FILE|DIR...\n"
                + "  --no-pixel   stop reading each file before (7FE0,0010) Pixel Data\n"
                + "  Folders are walked recursively; each file is printed like dcmtk's dcmdump.";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        boolean noPixel = false;
        List<Path> roots = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--no-pixel")) {
                noPixel = true;
            } else if (a.startsWith("-") && a.length() > 1) {
                throw new UsageException("unknown option " + a);
            } else {
                roots.add(Path.of(a));
            }
        }
        if (roots.isEmpty()) {
            throw new UsageException("no file or folder given");
        }
        int status = 0;
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            try {
                files.addAll(InputFiles.under(root));
            } catch (NoSuchFileException e) {
                err.println(e.getMessage());
                status = 1;
            }
        }
        DicomDump dump = new DicomDump();
        StringBuilder text = new StringBuilder(8192);
        for (Path file : files) {
            text.setLength(0);
            try {
                dump.dump(file, noPixel, text); // read fully before printing: a bad file prints no half dump
                if (files.size() > 1) {
                    out.println("# File: " + file);
                }
                out.print(text);
            } catch (DicomFormatException e) {
                err.println(file + ": " + e.getMessage());
                status = 1;
            } catch (IOException e) {
                err.println(file + ": cannot read: " + e.getMessage());
                status = 1;
            }
        }
        out.flush();
        return status;
    }
}
