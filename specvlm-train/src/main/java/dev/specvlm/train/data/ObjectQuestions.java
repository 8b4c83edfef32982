package dev.specvlm.train.data;

import static dev.specvlm.train.data.DialogueGrammar.fill;
import static dev.specvlm.train.data.DialogueGrammar.finish;
import static dev.specvlm.train.data.DialogueGrammar.paragraph;
import static dev.specvlm.train.data.DialogueGrammar.sentence;
import static dev.specvlm.train.data.DialogueGrammar.withOpener;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Questions about one object (or a pair): its colour, shape, place, box, presence, size and relative position. */
final class ObjectQuestions {
  private static final List<String> COLOR_QUESTIONS = List.of("What colour is the {r}?", "Which colour is the {r}?",
      "What is the colour of the {r}?", "Can you tell me the colour of the {r}?", "What colour does the {r} have?",
      "Tell me the colour of the {r}.", "What colour is the {r} in this {i}?");

  private static final List<String> SHAPE_QUESTIONS = List.of("What shape is the {r}?",
      "What kind of shape is the {r}?", "Which shape is the {r}?", "What is the shape of the {r}?",
      "Can you identify the shape of the {r}?", "What is the {r}?", "What shape does the {r} have?");

  private static final List<String> POSITION_QUESTIONS = List.of("Where is the {r}?", "Where is the {r} located?",
      "In which part of the {i} is the {r}?", "Where can I find the {r}?", "Whereabouts is the {r}?",
      "Where exactly is the {r}?", "Where is the {r} in the {i}?");

  private static final List<String> GROUNDING_QUESTIONS = List.of("Give the bounding box of the {r}.",
      "What are the coordinates of the {r}?", "Provide the bounding box for the {r}.",
      "Where exactly is the {r}? Give its bounding box.",
      "Output the bounding box of the {r} in normalized coordinates.",
      "Locate the {r} and give its bounding box.");

  private static final List<String> EXISTENCE_QUESTIONS = List.of("Is there {a} in the {i}?", "Is there {a}?",
      "Do you see {a}?", "Does the {i} contain {a}?", "Can you spot {a} anywhere?", "Is there {a} anywhere here?");

  private static final List<String> LARGEST_QUESTIONS = List.of("Which shape is the largest?",
      "What is the biggest object in the {i}?", "Which object is the largest?", "Which shape takes up the most space?",
      "What is the largest shape in the {i}?");

  private static final List<String> SMALLEST_QUESTIONS = List.of("Which shape is the smallest?",
      "What is the smallest object in the {i}?", "Which object is the tiniest?",
      "Which shape takes up the least space?", "What is the smallest shape in the {i}?");

  private static final List<String> RELATION_QUESTIONS = List.of("Is the {r} {rel} the {s}?",
      "Is the {r} located {rel} the {s}?", "Would you say the {r} is {rel} the {s}?",
      "Does the {r} appear {rel} the {s}?",
      "Is the {r} positioned {rel} the {s}?");

  /** Relations: left of, right of, above, below; the opposite of i is i ^ 1. */
  private static final List<String> RELATIONS = List.of("to the left of", "to the right of", "above", "below");

  private ObjectQuestions() {}

  static @Nullable Dialogue color(SceneTalk t) {
    Choices c = t.choices();
    Target target = target(t, true, false, true);
    if (target == null) {
      return null;
    }
    SceneObject o = target.object;
    String question = fill(t, COLOR_QUESTIONS, target.ref);
    double start = c.bits();
    String subject = c.chance(0.6) ? "the " + target.ref : "it";
    String name = colorPhrase(t, o);
    String main = withOpener(t, 0.15, switch (c.pick(0, 1, 2, 3)) {
      case 0 -> Text.join(subject, "is", name);
      case 1 -> Text.join(subject, "is", c.pick("colored", "painted", "filled in", "shaded"), name);
      case 2 -> Text.join("the color of the", target.ref, "is", name);
      default -> Text.join(subject, c.pick("appears", "looks"), name);
    });
    String answer = switch (c.pick(0, 1, 2, 3, 4)) {
      case 0 -> sentence(main + ", and it", t.placeVerb(false), t.place(o));
      case 1 -> paragraph(sentence(main), standOut(t, o));
      case 4 -> paragraph(sentence(main), t.association(o));
      case 2 -> paragraph(sentence(main), sentence("it is", t.sizeWord(o), "and", t.placeVerb(false), t.place(o)));
      default -> paragraph(sentence(main), c.chance(0.5) ? standOut(t, o) : "", t.remark());
    };
    return finish(QuestionType.COLOR, question, answer, start, c, t, o, o.color().family().word());
  }

  /** The colour in words: "crimson", "a deep shade of red", "crimson, a deep shade of red", "bright red"… */
  private static String colorPhrase(SceneTalk t, SceneObject o) {
    Choices c = t.choices();
    String family = o.color().family().word();
    String shade = o.color().name();
    boolean isShade = o.color().isShade();
    return switch (c.pick(0, 1, 2, 3, 4, 5)) {
      case 0 -> t.colorName(o);
      case 5 -> Text.withArticle(o.color().family().tinge() + " " + c.pick("color", "hue", "tone"));
      case 1 -> Text.withArticle(t.tone(o) + " shade of " + family);
      case 2 -> isShade ? shade + ", " + Text.withArticle(t.tone(o) + " shade of " + family) : t.tone(o) + " " + family;
      case 3 -> isShade ? family + ", or more precisely " + shade
          : family + ", " + c.pick("plain and simple", "clearly", "without a doubt", "through and through");
      default -> t.tone(o) + " " + family;
    };
  }

  /** "It stands out clearly against the cream background." */
  private static String standOut(SceneTalk t, SceneObject o) {
    Choices c = t.choices();
    Background bg = t.scene().background();
    String backdrop = switch (bg.kind()) {
      case PLAIN, NOISE -> bg.primary().name();
      case GRADIENT -> c.pick("gradient", bg.primary().name() + " and " + bg.secondary().name());
      case STRIPES -> "striped";
      case CHECKERBOARD -> "checkered";
      case DOTS -> "dotted";
    };
    return sentence(c.pick("it stands out", "it contrasts", "it pops"), c.pick(Lexicon.CONTRAST_ADVERBS),
        "against the", backdrop, "background");
  }

  static @Nullable Dialogue shape(SceneTalk t) {
    Choices c = t.choices();
    Target target = target(t, false, true, true);
    if (target == null) {
      return null;
    }
    SceneObject o = target.object;
    String question = fill(t, SHAPE_QUESTIONS, target.ref);
    double start = c.bits();
    String subject = c.chance(0.6) ? "the " + target.ref : c.pick("it", "that");
    String np = Text.join(c.chance(0.3) ? t.sizeWord(o) : "", t.noun(o.shape()));
    String main = switch (c.pick(0, 1, 2)) {
      case 0 -> Text.join(subject, "is", Text.withArticle(np));
      case 1 -> Text.join(subject, "is shaped like", Text.withArticle(t.noun(o.shape())));
      default -> Text.join(subject, "has the shape of", Text.withArticle(np));
    };
    String fact = c.pick(o.shape().facts());
    String answer = switch (c.pick(0, 1, 2, 3, 4, 5)) {
      case 0 -> sentence(main + ", which", fact);
      case 5 -> paragraph(sentence(main), t.lookalike(o));
      case 1 -> paragraph(sentence(main), sentence("it", fact));
      case 2 -> paragraph(sentence(main, t.place(o)), c.chance(0.5) ? sentence("it", fact) : "");
      case 3 -> paragraph(sentence(main), sentence(c.pick("you can tell because it", "you can tell since it",
          "the giveaway is that it"), fact));
      default -> paragraph(sentence(main + ", which", fact), t.remark());
    };
    return finish(QuestionType.SHAPE, question, answer, start, c, t, o, o.shape().noun());
  }

  static @Nullable Dialogue position(SceneTalk t) {
    Choices c = t.choices();
    Target target = target(t, true, true, false);
    if (target == null) {
      return null;
    }
    SceneObject o = target.object;
    String question = fill(t, POSITION_QUESTIONS, target.ref);
    double start = c.bits();
    String main = withOpener(t, 0.15, switch (c.pick(0, 1, 2, 3, 4)) {
      case 0 -> Text.join("the", target.ref, "is", t.place(o));
      case 1 -> Text.join("it is", t.place(o));
      case 2 -> Text.join("the", target.ref, t.placeVerb(false), t.place(o));
      case 3 -> Text.join("you can find the", target.ref, t.place(o));
      default -> Text.join("the", target.ref, "is located", t.place(o));
    });
    SceneObject neighbour = nearest(t.scene(), o);
    int extra = c.pick(0, 1, 2, 3, 4);
    String answer;
    if (extra == 3 && neighbour != null) {
      answer = sentence(main + ",", relationWord(o, neighbour, c), neighbourPhrase(t, neighbour));
    } else {
      answer = switch (extra) {
        case 1 -> paragraph(sentence(main), sentence("its bounding box is", t.approximately(), t.box(o)));
        case 2 -> sentence(main + ",", edgeDistances(t, o));
        case 4 -> paragraph(sentence(main), t.remark());
        default -> sentence(main + ", at", t.approximately(), t.box(o));
      };
    }
    return finish(QuestionType.POSITION, question, answer, start, c, t, o, o.region().label());
  }

  /** "about 12 pixels from the left edge and 30 pixels from the top". */
  private static String edgeDistances(SceneTalk t, SceneObject o) {
    Resolution r = t.scene().resolution();
    BoundingBox b = o.box();
    boolean left = b.x0() + b.x1() < r.width();
    boolean top = b.y0() + b.y1() < r.height();
    long dx = Math.max(0, Math.round(left ? b.x0() : r.width() - b.x1()));
    long dy = Math.max(0, Math.round(top ? b.y0() : r.height() - b.y1()));
    return Text.join(t.approximately(), Long.toString(dx), "pixels from the", left ? "left" : "right", "edge and",
        Long.toString(dy), "pixels from the", top ? "top" : "bottom");
  }

  /** The other object closest to {@code o}, or null if it is alone. */
  private static @Nullable SceneObject nearest(Scene scene, SceneObject o) {
    return scene.objects().stream().filter(x -> x != o)
        .min(Comparator.comparingDouble(x -> Math.hypot(x.centerX() - o.centerX(), x.centerY() - o.centerY())))
        .orElse(null);
  }

  /** Where {@code a} is relative to {@code b}: "just above", "to the left of"… (by the larger centre offset). */
  private static String relationWord(SceneObject a, SceneObject b, Choices c) {
    double dx = b.centerX() - a.centerX();
    double dy = b.centerY() - a.centerY();
    String rel = Math.abs(dx) >= Math.abs(dy) ? (dx > 0 ? "to the left of" : "to the right of")
        : (dy > 0 ? "above" : "below");
    return Text.join(c.chance(0.3) ? c.pick("just", "directly", "slightly") : "", rel);
  }

  private static String neighbourPhrase(SceneTalk t, SceneObject n) {
    return t.choices().chance(0.5) ? "the " + t.phrase(n, 0.3) : t.aPhrase(n, 0.3);
  }

  static @Nullable Dialogue grounding(SceneTalk t) {
    Choices c = t.choices();
    Target target = target(t, true, true, true);
    if (target == null) {
      return null;
    }
    SceneObject o = target.object;
    String question = fill(t, GROUNDING_QUESTIONS, target.ref);
    double start = c.bits();
    String box = t.box(o);
    int form = c.pick(0, 1, 2, 3, 4);
    String main = switch (form) {
      case 0 -> box;
      case 1 -> Text.join("the", target.ref, "is at", box);
      case 2 -> Text.join("the bounding box of the", target.ref, "is", box);
      case 3 -> Text.join("in normalized coordinates, the", target.ref, "spans", box);
      default -> Text.join("the", target.ref, c.pick("occupies", "covers", "fills"), box);
    };
    String answer;
    if (form == 0) {
      answer = main;
    } else if (c.chance(0.4)) {
      answer = c.chance(0.5) ? sentence(main + ",", t.place(o))
          : paragraph(sentence(main), sentence("that puts it", t.place(o)));
    } else {
      answer = sentence(main);
    }
    return finish(QuestionType.GROUNDING, question, answer, start, c, t, o, box);
  }

  static Dialogue existence(SceneTalk t) {
    Choices c = t.choices();
    Scene scene = t.scene();
    boolean positive = c.chance(0.5);
    ShapeKind shape;
    @Nullable ColorFamily family;
    if (positive) {
      SceneObject o = c.pick(scene.objects());
      shape = o.shape();
      family = c.chance(0.7) ? o.color().family() : null;
    } else {
      Set<ShapeKind> present = EnumSet.noneOf(ShapeKind.class);
      scene.objects().forEach(o -> present.add(o.shape()));
      if (c.chance(0.5)) {
        shape = c.pick(List.copyOf(EnumSet.complementOf(EnumSet.copyOf(present))));
        family = c.chance(0.5) ? c.pick(ColorFamily.values()) : null;
      } else {
        shape = c.pick(List.copyOf(present));
        Set<ColorFamily> used = EnumSet.noneOf(ColorFamily.class);
        for (SceneObject o : scene.objects()) {
          if (o.shape() == shape) {
            used.add(o.color().family());
          }
        }
        family = c.pick(List.copyOf(EnumSet.complementOf(EnumSet.copyOf(used))));
      }
    }
    String desc = Text.join(family == null ? "" : family.word(), shape.noun());
    String question = fill(t, EXISTENCE_QUESTIONS, "").replace("{a}", Text.withArticle(desc));
    double start = c.bits();
    List<SceneObject> matches = new ArrayList<>();
    for (SceneObject o : scene.objects()) {
      if (o.shape() == shape && (family == null || o.color().family() == family)) {
        matches.add(o);
      }
    }
    String answer = matches.isEmpty() ? absent(t, shape, family, desc) : present(t, matches);
    return finish(QuestionType.EXISTENCE, question, answer, start, c, t, null,
        matches.isEmpty() ? "no" : "yes");
  }

  private static String present(SceneTalk t, List<SceneObject> matches) {
    Choices c = t.choices();
    SceneObject o = matches.get(0);
    String main;
    if (matches.size() == 1) {
      main = switch (c.pick(0, 1, 2)) {
        case 0 -> sentence("yes, there is", t.aPhrase(o, 0.3), t.place(o));
        case 1 -> sentence("yes,", t.aPhrase(o, 0.3), t.placeVerb(false), t.place(o));
        default -> paragraph(sentence("yes"), sentence(c.pick("I can see", "there is"), t.aPhrase(o, 0.3),
            t.place(o)));
      };
    } else {
      List<String> places = new ArrayList<>();
      for (SceneObject m : matches) {
        places.add("one " + t.place(m));
      }
      main = sentence("yes, there are", t.number(matches.size()) + ":", Text.list(places, "and", c.chance(0.4)));
    }
    return c.chance(0.35) ? paragraph(main, c.chance(0.5) ? t.remark() : standOut(t, o)) : main;
  }

  private static String absent(SceneTalk t, ShapeKind shape, @Nullable ColorFamily family, String desc) {
    Choices c = t.choices();
    Scene scene = t.scene();
    String plural = Text.join(family == null ? "" : family.word(), shape.pluralNoun());
    String main = switch (c.pick(0, 1, 2, 3)) {
      case 0 -> sentence("no, there is no", desc, "in the", t.imageNoun());
      case 1 -> sentence("no, I cannot see any", plural);
      case 2 -> sentence("no, the", t.imageNoun(), "does not contain", Text.withArticle(desc));
      default -> sentence("no, there are no", plural, "here");
    };
    if (!c.chance(0.8)) {
      return main;
    }
    List<SceneObject> sameShape = scene.objects().stream().filter(o -> o.shape() == shape).toList();
    String help;
    if (!sameShape.isEmpty()) {
      SceneObject other = c.pick(sameShape);
      help = sameShape.size() == 1 && c.chance(0.5)
          ? sentence("the only", t.noun(shape), "is", t.colorName(other))
          : sentence("there is", t.aPhrase(other, 0.3), t.place(other) + ",", "though");
    } else if (scene.objects().size() <= 4) {
      help = sentence(c.pick("instead, the image shows", "the image only contains", "what I can see is",
          "instead, there is"), t.list(t.ordered(scene.objects()), 0.2));
    } else {
      help = sentence("instead, there are", t.number(scene.objects().size()), t.objectPlural(),
          c.pick("of other kinds", "of various kinds", "in other shapes"));
    }
    return paragraph(main, help);
  }

  static @Nullable Dialogue size(SceneTalk t) {
    Choices c = t.choices();
    List<SceneObject> bySize = SceneTalk.sorted(t.scene().objects(),
        Comparator.comparingDouble(SceneObject::area).reversed());
    int n = bySize.size();
    if (n < 2) {
      return null;
    }
    boolean largestClear = bySize.get(0).area() >= 1.3 * bySize.get(1).area();
    boolean smallestClear = bySize.get(n - 2).area() >= 1.3 * bySize.get(n - 1).area();
    if (!largestClear && !smallestClear) {
      return null;
    }
    boolean largest = largestClear && (!smallestClear || c.chance(0.6));
    SceneObject o = largest ? bySize.get(0) : bySize.get(n - 1);
    SceneObject runnerUp = largest ? bySize.get(1) : bySize.get(n - 2);
    String question = fill(t, largest ? LARGEST_QUESTIONS : SMALLEST_QUESTIONS, "");
    double start = c.bits();
    String superlative = largest ? c.pick("largest", "biggest") : c.pick("smallest", "tiniest");
    String main = switch (c.pick(0, 1, 2)) {
      case 0 -> Text.join("the", superlative, t.objectNoun(), "is the", t.phrase(o, 0), t.place(o));
      case 1 -> Text.join("the", t.phrase(o, 0), t.place(o), "is the", superlative, c.pick("one", t.objectNoun()));
      default -> Text.join("the", superlative, "one is", t.aPhrase(o, 0) + ",", t.place(o));
    };
    String answer = switch (c.pick(0, 1, 2, 3)) {
      case 0 -> sentence(main + ", measuring", t.approximately(), Integer.toString(SceneTalk.pixelsAcross(o)),
          "pixels across");
      case 1 -> sentence(main + ",", c.pick("covering", "taking up"), t.approximately(),
          c.chance(0.5) ? t.percentOfImage(o) + " percent" : t.percentOfImage(o) + "%", "of the", t.imageNoun());
      case 2 -> paragraph(sentence(main), t.remark());
      default -> paragraph(sentence(main), sentence("it is", c.pick("clearly", "noticeably", "visibly", "much"),
          largest ? "bigger" : "smaller", "than the", t.phrase(runnerUp, 0)));
    };
    return finish(QuestionType.SIZE, question, answer, start, c, t, o, o.shape().noun());
  }

  static @Nullable Dialogue relation(SceneTalk t) {
    Choices c = t.choices();
    Scene scene = t.scene();
    double threshold = 0.12 * scene.resolution().shortSide();
    for (SceneObject a : c.shuffled(scene.objects())) {
      for (SceneObject b : scene.objects()) {
        if (a == b) {
          continue;
        }
        double dx = b.centerX() - a.centerX();
        double dy = b.centerY() - a.centerY();
        boolean horizontal = Math.abs(dx) >= Math.abs(dy);
        if (Math.max(Math.abs(dx), Math.abs(dy)) < threshold) {
          continue;
        }
        List<String> refsA = Referrer.unique(scene, a, true, true, false, c);
        List<String> refsB = Referrer.unique(scene, b, true, true, false, c);
        if (refsA.isEmpty() || refsB.isEmpty()) {
          continue;
        }
        int truth = horizontal ? (dx > 0 ? 0 : 1) : (dy > 0 ? 2 : 3);
        int asked = c.chance(0.5) ? truth : truth ^ 1;
        String refA = c.pick(refsA);
        String refB = c.pick(refsB);
        String question = c.pick(RELATION_QUESTIONS).replace("{r}", refA).replace("{s}", refB)
            .replace("{rel}", RELATIONS.get(asked));
        double start = c.bits();
        String answer = relationAnswer(t, a, b, refA, refB, RELATIONS.get(truth), RELATIONS.get(asked),
            Math.hypot(dx, dy));
        return finish(QuestionType.RELATION, question, answer, start, c, t, a,
            truth == asked ? "yes" : "no");
      }
    }
    return null;
  }

  private static String relationAnswer(SceneTalk t, SceneObject a, SceneObject b, String refA, String refB,
      String truth, String asked, double distance) {
    Choices c = t.choices();
    String main;
    if (truth.equals(asked)) {
      main = switch (c.pick(0, 1, 2)) {
        case 0 -> sentence("yes, the", refA, "is", truth, "the", refB);
        case 1 -> sentence("yes, it is", truth, "the", refB);
        default -> paragraph(sentence("yes"), sentence("the", refA, "is", truth, "the", refB));
      };
    } else {
      main = switch (c.pick(0, 1, 2)) {
        case 0 -> sentence("no, the", refA, "is actually", truth, "the", refB);
        case 1 -> sentence("no, it is", truth, "the", refB + ", not", asked, "it");
        default -> paragraph(sentence("no"), sentence("the", refA, "is", truth, "the", refB));
      };
    }
    return switch (c.pick(0, 1, 2)) {
      case 0 -> paragraph(main, sentence("the", refA, "is", t.place(a) + ", while the", refB, "is", t.place(b)));
      case 1 -> paragraph(main, sentence("their centers are", t.approximately(),
          Long.toString(Math.round(distance)), "pixels apart"));
      default -> paragraph(main, t.remark());
    };
  }

  /** An object of the scene with a unique description under the given restrictions, or null. */
  private static @Nullable Target target(SceneTalk t, boolean shape, boolean color, boolean region) {
    Choices c = t.choices();
    for (SceneObject o : c.shuffled(t.scene().objects())) {
      List<String> refs = Referrer.unique(t.scene(), o, shape, color, region, c);
      if (!refs.isEmpty()) {
        return new Target(o, c.pick(refs));
      }
    }
    return null;
  }

  /** An object and the description a question uses for it. */
  private record Target(SceneObject object, String ref) {}
}
