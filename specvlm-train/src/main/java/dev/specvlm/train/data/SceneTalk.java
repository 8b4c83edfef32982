package dev.specvlm.train.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Phrase-level grammar over one scene: how an object, a place, a colour, a count or the background can be worded.
 * Every wording choice is drawn from the sample's {@link Choices}; the facts come from the scene.
 */
final class SceneTalk {
  private final Scene scene;
  private final Choices c;

  SceneTalk(Scene scene, Choices choices) {
    this.scene = scene;
    this.c = choices;
  }

  Scene scene() {
    return scene;
  }

  Choices choices() {
    return c;
  }

  /** A noun for the picture: usually "image" or "picture". */
  String imageNoun() {
    return c.chance(0.75) ? c.pick("image", "picture") : c.pick(Lexicon.IMAGE_NOUNS);
  }

  /** A noun for the objects together ("arrangement", "collection"…), or for the image when it holds one object. */
  String groupNoun() {
    return scene.objects().size() > 1 ? c.pick(Lexicon.GROUP_NOUNS) : imageNoun();
  }

  /** A generic noun for one object, usually "shape" or "object". */
  String objectNoun() {
    return c.chance(0.8) ? c.pick("shape", "object") : c.pick(Lexicon.OBJECT_NOUNS);
  }

  /** A generic plural noun for objects. */
  String objectPlural() {
    return c.chance(0.8) ? c.pick("shapes", "objects") : c.pick(Lexicon.OBJECT_PLURALS);
  }

  /** The colour of an object in words: its family ("red") or, sometimes, its shade ("crimson"). */
  String colorName(SceneObject o) {
    return o.color().isShade() && c.chance(0.4) ? o.color().name() : o.color().family().word();
  }

  /** A noun for the object's kind, usually the common one. */
  String noun(ShapeKind kind) {
    return kind.nouns().size() == 1 || c.chance(0.75) ? kind.noun() : c.pick(kind.nouns());
  }

  /** A plural noun for the kind, usually the common one. */
  String pluralNoun(ShapeKind kind) {
    return kind.pluralNouns().size() == 1 || c.chance(0.75) ? kind.pluralNoun() : c.pick(kind.pluralNouns());
  }

  /** An adjective for the object's size. */
  String sizeWord(SceneObject o) {
    return c.chance(0.7) ? o.size().word() : c.pick(o.size().adjectives());
  }

  /** "[size] colour noun", without article; the size adjective appears with probability {@code sizeProbability}. */
  String phrase(SceneObject o, double sizeProbability) {
    String size = c.chance(sizeProbability) ? sizeWord(o) : "";
    return Text.join(size, colorName(o), noun(o.shape()));
  }

  /** {@link #phrase} with an indefinite article. */
  String aPhrase(SceneObject o, double sizeProbability) {
    return Text.withArticle(phrase(o, sizeProbability));
  }

  /** Where the object is, e.g. "in the top left corner". */
  String place(SceneObject o) {
    return c.pick(o.region().phrases());
  }

  /** A placing verb for a singular or plural subject, e.g. "sits" / "sit". */
  String placeVerb(boolean plural) {
    int i = c.pick(indices(Lexicon.PLACE_VERBS.size()));
    return plural ? Lexicon.PLACE_VERBS_PLURAL.get(i) : Lexicon.PLACE_VERBS.get(i);
  }

  /** A number in words (up to twelve) or, sometimes, in digits. */
  String number(int n) {
    return n < Lexicon.NUMBER_WORDS.size() && !c.chance(0.2) ? Lexicon.NUMBER_WORDS.get(n) : Integer.toString(n);
  }

  /** A hedge before a measured number, e.g. "about". */
  String approximately() {
    return c.pick(Lexicon.APPROXIMATELY);
  }

  /** How many of something: "no circles", "one circle", "a single circle", "three circles". */
  String count(int n, String singular, String plural) {
    if (n == 0) {
      return "no " + plural;
    }
    if (n == 1) {
      return c.pick("one", "a single", "just one", "exactly one") + " " + singular;
    }
    return number(n) + " " + plural;
  }

  /** "is" or "are" with "there". */
  static String thereIs(int n) {
    return n == 1 ? "there is" : "there are";
  }

  /** The objects in an order a describer might use: left to right, top to bottom, largest first or any. */
  List<SceneObject> ordered(List<SceneObject> objects) {
    return switch (c.pick(0, 1, 2, 3)) {
      case 0 -> sorted(objects, Comparator.comparingDouble(SceneObject::centerX));
      case 1 -> sorted(objects, Comparator.comparingDouble(SceneObject::centerY));
      case 2 -> sorted(objects, Comparator.comparingDouble(SceneObject::area).reversed());
      default -> c.shuffled(objects);
    };
  }

  static List<SceneObject> sorted(List<SceneObject> objects, Comparator<SceneObject> order) {
    List<SceneObject> out = new ArrayList<>(objects);
    out.sort(order);
    return out;
  }

  /** Indefinite phrases of {@code objects} joined as a list, in the given order. */
  String list(List<SceneObject> objects, double sizeProbability) {
    List<String> items = new ArrayList<>(objects.size());
    for (SceneObject o : objects) {
      items.add(aPhrase(o, sizeProbability));
    }
    return Text.list(items, "and", c.chance(0.4));
  }

  /** The background as a noun phrase with its article, e.g. "a plain cream background". */
  String background() {
    Background bg = scene.background();
    String a = bg.primary().name();
    String b = bg.secondary().name();
    return switch (bg.kind()) {
      case PLAIN -> Text.withArticle(Text.join(c.pick("plain", "solid", "flat", "uniform", ""), a, "background"));
      case GRADIENT -> c.chance(0.5) ? gradient(bg.orientation(), a, b)
          : Text.withArticle(a + " to " + b + " gradient background");
      case NOISE -> Text.withArticle(Text.join(c.pick("grainy", "noisy", "speckled", "textured", "mottled"), a,
          "background"));
      case STRIPES -> c.pick(
          Text.withArticle("background of " + stripeDirection(bg.orientation()) + " " + a + " and " + b + " stripes"),
          Text.withArticle(stripeDirection(bg.orientation()) + " stripes of " + a + " and " + b),
          Text.withArticle("striped " + a + " and " + b + " background"));
      case CHECKERBOARD -> c.pick(
          Text.withArticle("checkerboard of " + a + " and " + b + " squares"),
          Text.withArticle(a + " and " + b + " checkered background"),
          Text.withArticle("checkered pattern in " + a + " and " + b));
      case DOTS -> c.pick(
          Text.withArticle(a + " background with small " + b + " dots"),
          Text.withArticle(a + " background dotted with " + b),
          Text.withArticle("polka dot pattern of " + b + " on " + a));
    };
  }

  /** The background as a predicate of "the background is …", e.g. "plain cream" or "striped in cream and beige". */
  String backgroundDescription() {
    Background bg = scene.background();
    String a = bg.primary().name();
    String b = bg.secondary().name();
    return switch (bg.kind()) {
      case PLAIN -> c.pick("plain " + a, "a solid " + a + " color", a);
      case GRADIENT -> gradient(bg.orientation(), a, b);
      case NOISE -> Text.join(a, "with a", c.pick("grainy", "noisy", "speckled", "mottled"), "texture");
      case STRIPES -> c.pick("striped in " + a + " and " + b,
          "made of " + stripeDirection(bg.orientation()) + " " + a + " and " + b + " stripes");
      case CHECKERBOARD -> c.pick("a checkerboard of " + a + " and " + b + " squares",
          "checkered in " + a + " and " + b);
      case DOTS -> c.pick(a + " with small " + b + " dots", a + ", dotted with " + b);
    };
  }

  /** "a soft gradient from cream at the top to white at the bottom", the places being optional. */
  private String gradient(Orientation o, String from, String to) {
    boolean placed = c.chance(0.6);
    String[] ends = switch (o) {
      case VERTICAL -> new String[] {"at the top", "at the bottom"};
      case HORIZONTAL -> new String[] {"on the left", "on the right"};
      case DIAGONAL -> new String[] {"in the top left corner", "in the bottom right corner"};
    };
    return Text.withArticle(Text.join(c.pick("soft", "smooth", "gentle", "subtle", ""), "gradient from", from,
        placed ? ends[0] : "", "to", to, placed ? ends[1] : ""));
  }

  private static String stripeDirection(Orientation o) {
    return switch (o) {
      case VERTICAL -> "horizontal";
      case HORIZONTAL -> "vertical";
      case DIAGONAL -> "diagonal";
    };
  }

  /** A tone word that fits the painted colour: "dark", "pale", "bright", "muted"… */
  String tone(SceneObject o) {
    int rgb = o.rgb();
    int r = (rgb >> 16) & 0xFF;
    int g = (rgb >> 8) & 0xFF;
    int b = rgb & 0xFF;
    int max = Math.max(r, Math.max(g, b));
    int min = Math.min(r, Math.min(g, b));
    double saturation = max == 0 ? 0 : (max - min) / (double) max;
    double luma = NamedColor.luma(rgb);
    if (luma < 70) {
      return c.pick("dark", "deep");
    }
    if (luma > 185) {
      return c.pick("light", "pale", "soft");
    }
    if (saturation > 0.75) {
      return c.pick("bright", "vivid", "rich", "strong", "saturated");
    }
    return c.pick("medium", "muted", "gentle", "calm");
  }

  /** The object's bounding box in normalised coordinates, e.g. "[0.12, 0.34, 0.56, 0.78]". */
  String box(SceneObject o) {
    double[] v = o.box().normalized(scene.resolution().width(), scene.resolution().height());
    return String.format(Locale.ROOT, "[%.2f, %.2f, %.2f, %.2f]", v[0], v[1], v[2], v[3]);
  }

  /** The object's width in pixels, rounded. */
  static int pixelsAcross(SceneObject o) {
    return (int) Math.round(Math.max(o.box().width(), o.box().height()));
  }

  /** The share of the image the object covers, in whole percent (at least 1). */
  int percentOfImage(SceneObject o) {
    double total = (double) scene.resolution().width() * scene.resolution().height();
    return Math.max(1, (int) Math.round(100 * o.area() / total));
  }

  /** A sentence of commentary the image does not dictate: mood, likeness, use or style. */
  String remark() {
    String image = imageNoun();
    return switch (c.pick(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)) {
      case 0 -> Text.sentence(Text.join("the overall", c.pick("look", "feel", "mood", "impression", "effect"), "is",
          c.chance(0.4) ? c.pick(Lexicon.DEGREE) : "", c.pick(Lexicon.MOODS), "and", c.pick(Lexicon.MOODS)), ".");
      case 1 -> Text.sentence(Text.join("it has", Text.withArticle(c.pick(Lexicon.MOODS) + ", " + style()),
          c.pick("feel", "look", "quality", "charm")), ".");
      case 2 -> Text.sentence(Text.join("the", groupNoun(), c.pick("reminds me of",
          "looks a bit like", "brings to mind", "is reminiscent of"), c.pick(Lexicon.LIKENESSES)), ".");
      case 3 -> Text.sentence(Text.join("it could", c.pick("work well as", "serve as", "be used as", "pass for"),
          use(), c.chance(0.5) ? c.pick(Lexicon.AUDIENCES) : ""), ".");
      case 4 -> Text.sentence(Text.join("the", image, "feels", c.chance(0.4) ? c.pick(Lexicon.DEGREE) : "",
          c.pick(Lexicon.MOODS) + ",", c.pick("almost like", "a bit like", "rather like", "much like"),
          c.pick(Lexicon.LIKENESSES)), ".");
      case 5 -> Text.sentence(Text.join("overall, it is", Text.withArticle(c.pick(Lexicon.MOODS) + " " + image),
          "in", Text.withArticle(style()), "style"), ".");
      case 6 -> Text.sentence(Text.join("the colors give the", image, Text.withArticle(c.pick(Lexicon.MOODS)),
          c.pick("mood", "feel", "character", "atmosphere")), ".");
      case 7 -> Text.sentence(Text.join("it would make", Text.withArticle(c.pick("nice", "good", "fun", "great",
          "simple", "handy", "neat", "lovely") + " " + c.pick(Lexicon.USES)), c.pick(Lexicon.AUDIENCES)), ".");
      case 8 -> lookalike(c.pick(scene.objects()));
      default -> association(c.pick(scene.objects()));
    };
  }

  /** "The red star looks a bit like a sheriff's badge." */
  String lookalike(SceneObject o) {
    return Text.sentence(Text.join("the", colorName(o), noun(o.shape()), c.pick("looks a bit like", "resembles",
        "could pass for", "reminds me of", "looks like"), c.pick(o.shape().lookalikes())), ".");
  }

  /** "Its red reminds me of ripe strawberries." */
  String association(SceneObject o) {
    return Text.sentence(Text.join(c.pick("its", "the"), o.color().family().word(), c.pick("reminds me of",
        "brings to mind", "is the color of", "recalls"), c.pick(o.color().family().associations())), ".");
  }

  private String style() {
    return c.pick(Lexicon.STYLES);
  }

  private String use() {
    return Text.withArticle(c.pick(Lexicon.USES));
  }

  private static List<Integer> indices(int n) {
    List<Integer> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(i);
    }
    return out;
  }
}
