package dev.specvlm.train.data;

import java.util.List;
import java.util.Objects;

/**
 * A colour with a name, the family it belongs to and its sRGB value.
 *
 * @param name the name the grammar uses, e.g. {@code "crimson"} or {@code "sky blue"}
 * @param family the basic category
 * @param rgb the colour as {@code 0xRRGGBB}
 */
public record NamedColor(String name, ColorFamily family, int rgb) {
  /** The colours objects are painted in: 3–5 shades per family, at least 40 units apart in RGB. */
  public static final List<NamedColor> OBJECT_COLORS = List.of(
      c("red", ColorFamily.RED, 0xDC2020), c("crimson", ColorFamily.RED, 0xB0103C),
      c("scarlet", ColorFamily.RED, 0xFF3A14), c("dark red", ColorFamily.RED, 0x8C1010),
      c("orange", ColorFamily.ORANGE, 0xFF8C00), c("tangerine", ColorFamily.ORANGE, 0xFF6A10),
      c("burnt orange", ColorFamily.ORANGE, 0xC45000), c("coral", ColorFamily.ORANGE, 0xFF7F50),
      c("yellow", ColorFamily.YELLOW, 0xFFDD00), c("lemon yellow", ColorFamily.YELLOW, 0xFFF450),
      c("gold", ColorFamily.YELLOW, 0xE8B400), c("mustard", ColorFamily.YELLOW, 0xC8A018),
      c("green", ColorFamily.GREEN, 0x20A040), c("emerald", ColorFamily.GREEN, 0x10C070),
      c("lime green", ColorFamily.GREEN, 0x80D820), c("forest green", ColorFamily.GREEN, 0x1A5E24),
      c("olive", ColorFamily.GREEN, 0x7A7A18),
      c("teal", ColorFamily.TEAL, 0x108484), c("turquoise", ColorFamily.TEAL, 0x30D0C4),
      c("cyan", ColorFamily.TEAL, 0x10C8E8),
      c("blue", ColorFamily.BLUE, 0x1E50DC), c("navy blue", ColorFamily.BLUE, 0x142068),
      c("sky blue", ColorFamily.BLUE, 0x70B8F0), c("cobalt blue", ColorFamily.BLUE, 0x0048A8),
      c("purple", ColorFamily.PURPLE, 0x8020A0), c("violet", ColorFamily.PURPLE, 0x9050E8),
      c("lavender", ColorFamily.PURPLE, 0xB496E6), c("plum", ColorFamily.PURPLE, 0x6A1E52),
      c("pink", ColorFamily.PINK, 0xFF96B4), c("hot pink", ColorFamily.PINK, 0xFF3096),
      c("salmon", ColorFamily.PINK, 0xF08070), c("magenta", ColorFamily.PINK, 0xE010C0),
      c("brown", ColorFamily.BROWN, 0x8B4A1C), c("chocolate", ColorFamily.BROWN, 0x5C2E0E),
      c("tan", ColorFamily.BROWN, 0xD2B080), c("caramel", ColorFamily.BROWN, 0xB8742C),
      c("black", ColorFamily.BLACK, 0x141414), c("charcoal", ColorFamily.BLACK, 0x34383E),
      c("white", ColorFamily.WHITE, 0xFAFAFA), c("ivory", ColorFamily.WHITE, 0xF4F0DC),
      c("grey", ColorFamily.GREY, 0x808080), c("silver", ColorFamily.GREY, 0xC0C0C8),
      c("slate grey", ColorFamily.GREY, 0x607080));

  /** Background colours of light scenes: pale, low-saturation tones. */
  public static final List<NamedColor> LIGHT_BACKGROUNDS = List.of(
      c("white", ColorFamily.WHITE, 0xFFFFFF), c("cream", ColorFamily.WHITE, 0xFFF8E0),
      c("beige", ColorFamily.BROWN, 0xEEE2C8), c("pale blue", ColorFamily.BLUE, 0xD8E8F8),
      c("light grey", ColorFamily.GREY, 0xDCDCDC), c("mint green", ColorFamily.GREEN, 0xD4F4DC),
      c("pale yellow", ColorFamily.YELLOW, 0xFAF4C8), c("peach", ColorFamily.ORANGE, 0xFCE0C8),
      c("light pink", ColorFamily.PINK, 0xFCE0EA), c("pale lilac", ColorFamily.PURPLE, 0xE8DCF4));

  /** Background colours of dark scenes. */
  public static final List<NamedColor> DARK_BACKGROUNDS = List.of(
      c("black", ColorFamily.BLACK, 0x080808), c("dark grey", ColorFamily.GREY, 0x2C2C2C),
      c("midnight blue", ColorFamily.BLUE, 0x101838), c("dark green", ColorFamily.GREEN, 0x0E2A16),
      c("deep purple", ColorFamily.PURPLE, 0x24103A), c("dark brown", ColorFamily.BROWN, 0x2E1C10),
      c("dark teal", ColorFamily.TEAL, 0x0C2C2C));

  /** Validates. */
  public NamedColor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(family, "family");
  }

  private static NamedColor c(String name, ColorFamily family, int rgb) {
    return new NamedColor(name, family, rgb);
  }

  /** Whether the name differs from the family's usual word ("crimson" is a shade; "red" is not). */
  public boolean isShade() {
    return !family.names().contains(name);
  }

  /** Relative luminance in 0..255 (Rec. 601 weights). */
  public double luma() {
    return luma(rgb);
  }

  /** Relative luminance of {@code 0xRRGGBB} in 0..255 (Rec. 601 weights). */
  static double luma(int rgb) {
    return 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
  }

  /** A perceptual distance between two {@code 0xRRGGBB} colours (the "redmean" weighting), 0..~765. */
  static double distance(int a, int b) {
    int r1 = (a >> 16) & 0xFF;
    int r2 = (b >> 16) & 0xFF;
    double rMean = (r1 + r2) / 2.0;
    int dr = r1 - r2;
    int dg = ((a >> 8) & 0xFF) - ((b >> 8) & 0xFF);
    int db = (a & 0xFF) - (b & 0xFF);
    return Math.sqrt((2 + rMean / 256) * dr * dr + 4 * dg * dg + (2 + (255 - rMean) / 256) * db * db);
  }
}
