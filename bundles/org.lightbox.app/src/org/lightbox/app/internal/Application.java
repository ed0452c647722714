package org.lightbox.app.internal;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.runtime.Platform;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.osgi.service.datalocation.Location;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.PlatformUI;
import org.lightbox.config.LightboxHome;

/** The workbench application: claims the user's workbench folder, then runs the workbench until it closes. */
public class Application implements IApplication {

    private static final System.Logger LOG = System.getLogger(Application.class.getName());

    @Override
    public Object start(IApplicationContext context) throws Exception {
        Display display = PlatformUI.createDisplay();
        try {
            String problem = claimWorkbenchFolder(LightboxHome.current());
            if (problem != null) {
                LOG.log(System.Logger.Level.ERROR, problem);
                System.err.println("lightbox: " + problem);
                return 1;
            }
            int code = PlatformUI.createAndRunWorkbench(display, new LightboxWorkbenchAdvisor());
            return code == PlatformUI.RETURN_RESTART ? IApplication.EXIT_RESTART : IApplication.EXIT_OK;
        } finally {
            display.dispose();
        }
    }

    /**
     * Points the Eclipse instance area (layout, preferences, log) at the per-user folder unless {@code -data} already
     * chose one, and locks it so a second workbench on the same folder cannot corrupt the saved layout. Returns why
     * it could not, or {@code null}.
     */
    static String claimWorkbenchFolder(LightboxHome home) throws IOException {
        Location instance = Platform.getInstanceLocation();
        if (instance == null) {
            return "the product was started with -data @none; the workbench needs a data folder";
        }
        if (!instance.isSet()) {
            Path folder = home.workbench();
            Files.createDirectories(folder);
            URL url = folder.toUri().toURL();
            if (!instance.set(url, true)) {
                return "another Lightbox workbench is already using " + folder
                        + "; close it or start with --home DIR";
            }
        } else if (!instance.isLocked() && !instance.lock()) {
            return "another Lightbox workbench is already using " + instance.getURL();
        }
        return null;
    }

    @Override
    public void stop() {
        if (!PlatformUI.isWorkbenchRunning()) {
            return;
        }
        IWorkbench workbench = PlatformUI.getWorkbench();
        Display display = workbench.getDisplay();
        display.syncExec(() -> {
            if (!display.isDisposed()) {
                workbench.close();
            }
        });
    }
}
