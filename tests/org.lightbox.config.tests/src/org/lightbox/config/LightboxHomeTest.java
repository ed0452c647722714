package org.lightbox.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

class LightboxHomeTest {

    private static UnaryOperator<String> map(Map<String, String> values) {
        return values::get;
    }

    @Test
    void defaultsToDotLightboxInUserHome() {
        LightboxHome home = LightboxHome.resolve(map(Map.of("user.home", "/home/ann")), map(Map.of()));
        assertEquals(Path.of("/home/ann/.lightbox"), home.root());
        assertEquals(Path.of("/home/ann/.lightbox/workbench"), home.workbench());
        assertEquals(Path.of("/home/ann/.lightbox/config"), home.configuration());
    }

    @Test
    void environmentOverridesDefault() {
        LightboxHome home = LightboxHome.resolve(map(Map.of("user.home", "/home/ann")),
                map(Map.of("LIGHTBOX_HOME", "/srv/lightbox")));
        assertEquals(Path.of("/srv/lightbox"), home.root());
    }

    @Test
    void propertyOverridesEnvironment() {
        LightboxHome home = LightboxHome.resolve(map(Map.of("user.home", "/home/ann", "lightbox.home", "/tmp/lb")),
                map(Map.of("LIGHTBOX_HOME", "/srv/lightbox")));
        assertEquals(Path.of("/tmp/lb"), home.root());
    }

    @Test
    void blankValuesAreIgnoredAndTildeIsExpanded() {
        LightboxHome home = LightboxHome.resolve(map(Map.of("user.home", "/home/ann", "lightbox.home", "  ")),
                map(Map.of("LIGHTBOX_HOME", "~/site-a")));
        assertEquals(Path.of("/home/ann/site-a"), home.root());
    }

    @Test
    void relativeFolderIsMadeAbsolute() {
        LightboxHome home = LightboxHome.resolve(map(Map.of("user.home", "/home/ann", "lightbox.home", "data/../x")),
                map(Map.of()));
        assertEquals(Path.of("x").toAbsolutePath(), home.root());
    }
}
