package org.lightbox.cli.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.lightbox.cli.Command;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/** The node product's application: runs one command with the program arguments and exits with its status. */
public class CommandLineApplication implements IApplication {

    @Override
    public Object start(IApplicationContext context) throws Exception {
        String[] args = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        BundleContext bundles = FrameworkUtil.getBundle(getClass()).getBundleContext();
        List<ServiceReference<Command>> references = contributedCommands(bundles);
        try {
            List<Command> commands = new ArrayList<>();
            for (ServiceReference<Command> ref : references) {
                Command c = bundles.getService(ref);
                if (c != null) {
                    commands.add(c);
                }
            }
            return new CommandLine(commands).run(args == null ? new String[0] : args, System.out, System.err);
        } finally {
            references.forEach(bundles::ungetService);
            System.out.flush();
            System.err.flush();
        }
    }

    private static List<ServiceReference<Command>> contributedCommands(BundleContext bundles)
            throws InvalidSyntaxException {
        // sorted by service ranking, so a plug-in can deliberately shadow a built-in by ranking higher
        List<ServiceReference<Command>> refs = new ArrayList<>(bundles.getServiceReferences(Command.class, null));
        refs.sort(Collections.reverseOrder());
        return refs;
    }

    @Override
    public void stop() {
        // commands are short-lived; a long-running one (the node) watches its own shutdown hook
    }
}
