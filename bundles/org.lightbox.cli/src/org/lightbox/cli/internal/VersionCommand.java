package org.lightbox.cli.internal;

import java.io.PrintStream;
import java.util.List;

import org.lightbox.cli.Command;
import org.lightbox.cli.UsageException;
import org.lightbox.config.BuildInfo;
import org.lightbox.config.LightboxHome;
import org.osgi.service.component.annotations.Component;

/** {@code lightbox version}: the release, build, Java runtime and data folder, one per line. */
@Component(service = Command.class)
public class VersionCommand implements Command {

    @Override
    public String name() {
        return "version";
    }

    @Override
    public String summary() {
        return "print the Lightbox version and build";
    }

    @Override
    public String usage() {
        return "usage: lightbox version [--short]\n  --short   print only the version number";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        BuildInfo build = BuildInfo.current();
        if (args.equals(List.of("--short"))) {
            out.println(build.version());
            return 0;
        }
        if (!args.isEmpty()) {
            throw new UsageException("unexpected argument '" + args.get(0) + "'");
        }
        out.println(build.describe());
        out.println("Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        out.println("Data folder " + LightboxHome.current());
        return 0;
    }
}
