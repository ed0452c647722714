package org.lightbox.config;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.Version;

/**
 * The product version and build stamp. Tycho builds every bundle of one build with the same qualifier (the build
 * time), so this bundle's version stands for the whole product.
 */
public record BuildInfo(String version, String build) {

    /** The version of the running build, or {@code 0.0.0 (development)} outside OSGi. */
    public static BuildInfo current() {
        Bundle bundle = FrameworkUtil.getBundle(BuildInfo.class);
        return bundle == null ? new BuildInfo("0.0.0", "development") : of(bundle.getVersion());
    }

    /** Splits an OSGi version into the release ({@code 0.1.0}) and its build qualifier. */
    public static BuildInfo of(Version version) {
        String release = version.getMajor() + "." + version.getMinor() + "." + version.getMicro();
        String qualifier = version.getQualifier();
        return new BuildInfo(release, qualifier.isEmpty() || qualifier.equals("qualifier") ? "development" : qualifier);
    }

    /** {@code Lightbox 0.1.0 (build 202611270530)}. */
    public String describe() {
        return "Lightbox " + version + " (build " + build + ")";
    }
}
