package org.lightbox.storage.ui.internal.browser;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.RGB;

/** The padlock shown on protected studies, drawn as pixels so that the bundle needs no icon file for it. */
final class LockIcon {

    private static final String[] ROWS = {
        "................",
        "................",
        ".....######.....",
        "....##....##....",
        "....#......#....",
        "....#......#....",
        "....#......#....",
        "...##########...",
        "...#oooooooo#...",
        "...#ooo##ooo#...",
        "...#ooo##ooo#...",
        "...#oooo#ooo#...",
        "...#oooooooo#...",
        "...##########...",
        "................",
        "................" };

    private LockIcon() {
    }

    static ImageData data() {
        PaletteData palette = new PaletteData(new RGB(255, 255, 255), new RGB(80, 80, 80), new RGB(230, 180, 40));
        ImageData d = new ImageData(16, 16, 8, palette);
        d.transparentPixel = 0;
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                char c = ROWS[y].charAt(x);
                d.setPixel(x, y, c == '#' ? 1 : c == 'o' ? 2 : 0);
            }
        }
        return d;
    }
}
