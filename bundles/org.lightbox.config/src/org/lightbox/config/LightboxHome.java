package org.lightbox.config;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The per-user folder where Lightbox keeps its state: workbench layout, configuration, the catalog and the file
 * store. Resolved in this order so a test, a script or a second site can each point elsewhere:
 * the system property {@value #PROPERTY}, the environment variable {@value #ENVIRONMENT}, then
 * {@code ~/.lightbox}.
 */
public final class LightboxHome {

    public static final String PROPERTY = "lightbox.home";
    public static final String ENVIRONMENT = "LIGHTBOX_HOME";

    private final Path root;

    private LightboxHome(Path root) {
        this.root = root;
    }

    /** The folder for this process, from its system properties and environment. */
    public static LightboxHome current() {
        return resolve(System::getProperty, System::getenv);
    }

    /** Resolves the folder from the given property and environment look-ups (separate for testing). */
    public static LightboxHome resolve(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        String chosen = nonBlank(properties.apply(PROPERTY));
        if (chosen == null) {
            chosen = nonBlank(environment.apply(ENVIRONMENT));
        }
        Path root;
        if (chosen != null) {
            root = Path.of(expandTilde(chosen, properties.apply("user.home")));
        } else {
            root = Path.of(properties.apply("user.home"), ".lightbox");
        }
        return new LightboxHome(root.toAbsolutePath().normalize());
    }

    private static String nonBlank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    // Shells expand "~" only at the start of a word; LIGHTBOX_HOME="~/x" in a unit file arrives unexpanded.
    private static String expandTilde(String path, String userHome) {
        if (userHome != null && (path.equals("~") || path.startsWith("~/"))) {
            return userHome + path.substring(1);
        }
        return path;
    }

    public Path root() {
        return root;
    }

    /** Eclipse instance area: the workbench's layout and preferences. */
    public Path workbench() {
        return root.resolve("workbench");
    }

    /** Versioned configuration files of the node and the client. */
    public Path configuration() {
        return root.resolve("config");
    }

    /** Logs written by the node and the command line. */
    public Path logs() {
        return root.resolve("logs");
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
