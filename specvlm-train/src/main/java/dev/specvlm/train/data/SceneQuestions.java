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

/** Questions about the scene as a whole: caption, description, counts, background, order and image size. */
final class SceneQuestions {
  private static final List<String> CAPTION_QUESTIONS = List.of("Write a short caption for this {i}.",
      "Give a one-sentence caption for the {i}.", "Caption this {i}.", "Provide a brief caption.",
      "What would be a good caption for this {i}?", "Summarize the {i} in one sentence.",
      "Describe the {i} in one sentence.", "Write a caption.");

  private static final List<String> DESCRIBE_QUESTIONS = List.of("Describe the {i}.",
      "Describe this {i} in detail.", "What do you see in this {i}?", "Tell me about this {i}.",
      "Can you describe what is shown here?", "What is in this {i}?", "Give a detailed description of the {i}.",
      "Please describe the {i}.", "What does this {i} show?");

  private static final List<String> COUNT_ALL_QUESTIONS = List.of("How many shapes are there in the {i}?",
      "How many objects can you see?", "How many shapes are in this {i}?", "Count the objects in the {i}.",
      "How many shapes are shown?", "What is the number of shapes in the {i}?");

  private static final List<String> COUNT_QUESTIONS = List.of("How many {r} are there?", "How many {r} can you see?",
      "How many {r} are in the {i}?", "Count the {r}.", "How many {r} does the {i} contain?");

  private static final List<String> BACKGROUND_QUESTIONS = List.of("What does the background look like?",
      "Describe the background.", "What colour is the background?", "What kind of background does the {i} have?",
      "Tell me about the background of the {i}.", "What is behind the shapes?");

  private static final List<String> ORDER_QUESTIONS = List.of("List the shapes from {d}.",
      "Name the objects from {d}.", "What are the shapes, in order from {d}?",
      "Going from {d}, what objects do you see?",
      "Can you list the objects from {d}?");

  private static final List<String> IMAGE_SIZE_QUESTIONS = List.of("What is the resolution of this {i}?",
      "How large is this {i} in pixels?", "What are the dimensions of the {i}?",
      "How many pixels wide and tall is the {i}?", "What size is this {i}?");

  /** Open questions, by kind: use, likeness, mood, style, impression. */
  private static final List<List<String>> OPINION_QUESTIONS = List.of(
      List.of("What could this {i} be used for?", "Where might an image like this be used?",
          "What would this {i} be good for?"),
      List.of("What does this {i} remind you of?", "What does this {i} look like to you?",
          "Does this {i} remind you of anything?"),
      List.of("What mood does this {i} convey?", "How does this {i} feel?", "What is the atmosphere of this {i}?"),
      List.of("How would you describe the style of this {i}?", "What style is this {i} drawn in?",
          "What is the visual style of this {i}?"),
      List.of("What do you think of this {i}?", "Do you like this {i}?", "What is your impression of this {i}?"));

  private static final List<String> TITLE_QUESTIONS = List.of("Give this {i} a title.",
      "What would be a good title for this {i}?", "Suggest a title for this {i}.",
      "Can you think of a name for this {i}?", "If this {i} were a painting, what would it be called?");

  private SceneQuestions() {}

  static Dialogue caption(SceneTalk t) {
    Choices c = t.choices();
    List<SceneObject> objects = t.scene().objects();
    String question = fill(t, CAPTION_QUESTIONS, "");
    double start = c.bits();
    int n = objects.size();
    String bg = t.background();
    String body;
    if (n == 1) {
      SceneObject o = objects.get(0);
      body = switch (c.pick(0, 1, 2)) {
        case 0 -> Text.join(t.aPhrase(o, 0.6), "on", bg + (c.chance(0.5) ? ", " + t.place(o) : ""));
        case 1 -> Text.join("a single", t.phrase(o, 0.5), t.placeVerb(false), t.place(o), "on", bg);
        default -> Text.join(Text.withArticle(c.pick(Lexicon.MOODS)), c.pick("picture", "image", "study"), "of",
            t.aPhrase(o, 0.5), "on", bg);
      };
    } else if (n <= 3) {
      List<SceneObject> ordered = t.ordered(objects);
      body = switch (c.pick(0, 1, 2)) {
        case 0 -> Text.join(t.list(ordered, 0.3), "on", bg);
        case 1 -> Text.join(t.number(n), t.objectPlural() + ",", t.list(ordered, 0.3) + ",", "on", bg);
        default -> Text.join(Text.withArticle(c.pick(Lexicon.MOODS) + " " + c.pick(Lexicon.GROUP_NOUNS)), "of",
            t.list(ordered, 0.3), "on", bg);
      };
    } else {
      List<SceneObject> ordered = t.ordered(objects);
      String some = t.list(ordered.subList(0, 2), 0.2);
      body = switch (c.pick(0, 1, 2)) {
        case 0 -> Text.join(t.number(n), c.pick("colorful", "assorted", "different", "scattered", ""),
            t.objectPlural(), "on", bg + (c.chance(0.75) ? ", including " + some : ""));
        case 1 -> Text.join(Text.withArticle(c.pick(Lexicon.MOODS) + " " + c.pick(Lexicon.GROUP_NOUNS)), "of",
            t.number(n), t.objectPlural(), "on", bg + (c.chance(0.6) ? ", including " + some : ""));
        default -> Text.join(t.number(n), t.objectPlural(), "such as", some,
            c.pick("scattered across", "spread over", "arranged on"), bg);
      };
    }
    return finish(QuestionType.CAPTION, question, sentence(body), start, c, t, null, "");
  }

  static Dialogue describe(SceneTalk t) {
    Choices c = t.choices();
    List<SceneObject> objects = t.scene().objects();
    String question = fill(t, DESCRIBE_QUESTIONS, "");
    double start = c.bits();
    int n = objects.size();
    String counted = t.count(n, t.objectNoun(), t.objectPlural());
    String bg = t.background();
    String intro = switch (c.pick(0, 1, 2, 3, 4)) {
      case 0 -> sentence("the", t.imageNoun(), "shows", counted, "on", bg);
      case 1 -> sentence("this", t.imageNoun(), "contains", counted, c.pick("arranged on", "placed on", "set against"),
          bg);
      case 2 -> sentence(SceneTalk.thereIs(n), counted, "in this", t.imageNoun() + ",", "set against", bg);
      case 3 -> sentence("I can see", counted, "on", bg);
      default -> sentence(withOpener(t, 1, Text.join(SceneTalk.thereIs(n), counted, "on", bg)));
    };
    List<SceneObject> ordered = t.ordered(objects);
    List<String> body = new ArrayList<>();
    if (n <= 3) {
      for (int i = 0; i < n; i++) {
        SceneObject o = ordered.get(i);
        if (i + 1 < n && c.chance(0.3)) {
          SceneObject next = ordered.get(++i);
          body.add(sentence(placing(t, o) + ", and", placing(t, next)));
        } else {
          body.add(sentence(placing(t, o)));
        }
      }
    } else {
      body.add(sentence(c.pick("they are", "the shapes are", "these include", "among them are"),
          t.list(ordered, 0.2)));
      if (c.chance(0.6)) {
        SceneObject first = ordered.get(0);
        SceneObject second = ordered.get(1);
        body.add(n == 4 && c.chance(0.5)
            ? sentence("the", t.phrase(first, 0), "is", t.place(first) + ", while the", t.phrase(second, 0), "is",
                t.place(second))
            : sentence("the", t.phrase(first, 0), "is", t.place(first)));
      }
    }
    if (c.chance(n <= 3 ? 0.5 : 0.2)) {
      body.add(t.remark());
    }
    if (n <= 3 && c.chance(0.06)) {
      body.add(c.pick(Lexicon.CLOSERS));
    }
    return finish(QuestionType.DESCRIBE, question, paragraph(intro, String.join(" ", body)), start, c, t,
        null, "");
  }

  /** "a red circle sits in the top left corner", "in the top left corner, there is a red circle"… */
  private static String placing(SceneTalk t, SceneObject o) {
    return switch (t.choices().pick(0, 1, 2)) {
      case 0 -> Text.join(t.aPhrase(o, 0.5), t.placeVerb(false), t.place(o));
      case 1 -> Text.join(t.place(o) + ",", "there is", t.aPhrase(o, 0.5));
      default -> Text.join("the", t.phrase(o, 0.5), "is", t.place(o));
    };
  }

  static Dialogue count(SceneTalk t) {
    Choices c = t.choices();
    Scene scene = t.scene();
    int target = c.weighted(0.35, 0.4, 0.25); // all, by kind, by colour
    String singular;
    String plural;
    String question;
    List<SceneObject> matches = new ArrayList<>();
    if (target == 0) {
      question = fill(t, COUNT_ALL_QUESTIONS, "");
      matches.addAll(scene.objects());
      singular = t.objectNoun();
      plural = singular + "s";
    } else if (target == 1) {
      Set<ShapeKind> present = EnumSet.noneOf(ShapeKind.class);
      scene.objects().forEach(o -> present.add(o.shape()));
      ShapeKind kind = c.chance(0.7) ? c.pick(List.copyOf(present))
          : c.pick(List.copyOf(EnumSet.complementOf(EnumSet.copyOf(present))));
      question = fill(t, COUNT_QUESTIONS, kind.pluralNoun());
      scene.objects().stream().filter(o -> o.shape() == kind).forEach(matches::add);
      singular = kind.noun();
      plural = kind.pluralNoun();
    } else {
      Set<ColorFamily> present = EnumSet.noneOf(ColorFamily.class);
      scene.objects().forEach(o -> present.add(o.color().family()));
      ColorFamily family = c.chance(0.7) ? c.pick(List.copyOf(present))
          : c.pick(List.copyOf(EnumSet.complementOf(EnumSet.copyOf(present))));
      String noun = c.pick("shape", "object");
      question = fill(t, COUNT_QUESTIONS, family.word() + " " + noun + "s");
      scene.objects().stream().filter(o -> o.color().family() == family).forEach(matches::add);
      singular = family.word() + " " + noun;
      plural = singular + "s";
    }
    double start = c.bits();
    int n = matches.size();
    String answer = n == 0 ? countNone(t, singular, plural) : countSome(t, matches, singular, plural);
    return finish(QuestionType.COUNT, question, answer, start, c, t, null, Integer.toString(n));
  }

  private static String countNone(SceneTalk t, String singular, String plural) {
    Choices c = t.choices();
    List<SceneObject> all = t.scene().objects();
    String main = switch (c.pick(0, 1, 2, 3)) {
      case 0 -> sentence("there are no", plural, "in the", t.imageNoun());
      case 1 -> sentence("I cannot see any", plural, "in the", t.imageNoun());
      case 2 -> sentence("the", t.imageNoun(), "has no", plural);
      default -> sentence("there is not a single", singular, "here");
    };
    String rest = all.size() <= 4
        ? sentence("the", t.imageNoun(), c.pick("only contains", "shows", "contains just"), t.list(t.ordered(all), 0.2))
        : sentence("instead, it shows", t.count(all.size(), t.objectNoun(), t.objectPlural()), "of other kinds");
    return paragraph(main, rest);
  }

  private static String countSome(SceneTalk t, List<SceneObject> matches, String singular, String plural) {
    Choices c = t.choices();
    int n = matches.size();
    String counted = t.count(n, singular, plural);
    String main = switch (c.pick(0, 1, 2, 3)) {
      case 0 -> Text.join(SceneTalk.thereIs(n), counted);
      case 1 -> Text.join("I can see", counted);
      case 2 -> Text.join("I count", counted);
      default -> Text.join("the", t.imageNoun(), c.pick("contains", "shows", "has"), counted);
    };
    main = Text.join(main, n > 1 && c.chance(0.3) ? "in total" : "");
    List<SceneObject> ordered = t.ordered(matches);
    if (n > 4 || c.chance(0.45)) {
      return sentence(main + ":", t.list(ordered, n > 4 ? 0 : 0.2));
    }
    if (n == 1) {
      SceneObject o = matches.get(0);
      return paragraph(sentence(main + ", and it", t.placeVerb(false), t.place(o)),
          c.chance(0.3) ? t.remark() : "");
    }
    List<String> places = new ArrayList<>();
    for (SceneObject o : ordered) {
      places.add("one " + t.place(o));
    }
    return sentence(main + ",", Text.list(places, "and", c.chance(0.4)));
  }

  static Dialogue background(SceneTalk t) {
    Choices c = t.choices();
    String question = fill(t, BACKGROUND_QUESTIONS, "");
    double start = c.bits();
    String main = switch (c.pick(0, 1, 2)) {
      case 0 -> Text.join("the", t.imageNoun(), "has", t.background());
      case 1 -> Text.join("the shapes sit on", t.background());
      default -> Text.join("the background is", t.backgroundDescription());
    };
    SceneObject any = c.pick(t.scene().objects());
    String answer = switch (c.pick(0, 1, 2, 3)) {
      case 0 -> paragraph(sentence(main), sentence("it is", c.chance(0.4) ? c.pick(Lexicon.DEGREE) : "",
          c.pick(Lexicon.MOODS), "and lets the", t.objectPlural(), "stand out", c.pick(Lexicon.CONTRAST_ADVERBS)));
      case 1 -> sentence(main + ", which makes the", t.phrase(any, 0.2), "stand out", c.pick(Lexicon.CONTRAST_ADVERBS));
      case 2 -> paragraph(sentence(main), sentence("against it, the", t.objectPlural(), "stand out",
          c.pick(Lexicon.CONTRAST_ADVERBS)));
      default -> paragraph(sentence(main), t.remark());
    };
    return finish(QuestionType.BACKGROUND, question, answer, start, c, t, null,
        t.scene().background().primary().name());
  }

  static @Nullable Dialogue order(SceneTalk t) {
    Choices c = t.choices();
    Scene scene = t.scene();
    int n = scene.objects().size();
    if (n < 2) {
      return null;
    }
    boolean horizontal = c.chance(0.7);
    List<SceneObject> sorted = SceneTalk.sorted(scene.objects(),
        Comparator.comparingDouble(horizontal ? SceneObject::centerX : SceneObject::centerY));
    double minGap = 0.04 * (horizontal ? scene.resolution().width() : scene.resolution().height());
    for (int i = 1; i < n; i++) {
      double gap = horizontal ? sorted.get(i).centerX() - sorted.get(i - 1).centerX()
          : sorted.get(i).centerY() - sorted.get(i - 1).centerY();
      if (gap < minGap) {
        return null;
      }
    }
    String direction = horizontal ? "left to right" : "top to bottom";
    String question = fill(t, ORDER_QUESTIONS, "").replace("{d}", direction);
    double start = c.bits();
    List<String> items = new ArrayList<>();
    for (SceneObject o : sorted) {
      items.add(t.aPhrase(o, 0.25));
    }
    boolean serial = c.chance(0.4);
    String answer = switch (c.pick(0, 1, 2, 3)) {
      case 0 -> sentence("from " + direction + ", I see", Text.list(items, "and", serial));
      case 1 -> sentence("from " + direction + ":", Text.list(items, "and", serial));
      case 2 -> sentence("going from " + direction + ", there is", Text.list(items, "and", serial));
      default -> sentence("first comes", items.get(0) + ",", "followed by", Text.list(items.subList(1, n), "and",
          serial));
    };
    if (c.chance(0.15)) {
      answer = paragraph(answer, t.remark());
    }
    return finish(QuestionType.ORDER, question, answer, start, c, t, null,
        String.join(",", sorted.stream().map(o -> o.shape().noun()).toList()));
  }

  static Dialogue imageSize(SceneTalk t) {
    Choices c = t.choices();
    Resolution r = t.scene().resolution();
    String question = fill(t, IMAGE_SIZE_QUESTIONS, "");
    double start = c.bits();
    String w = Integer.toString(r.width());
    String h = Integer.toString(r.height());
    String main = switch (c.pick(0, 1, 2, 3)) {
      case 0 -> Text.join("the", t.imageNoun(), "is", w, "pixels wide and", h, "pixels tall");
      case 1 -> Text.join("it is", w, "by", h, "pixels");
      case 2 -> Text.join("the resolution is", w, "x", h, "pixels");
      default -> Text.join("the", t.imageNoun(), "measures", w, "by", h, "pixels");
    };
    String answer;
    if (r.width() == r.height()) {
      answer = c.chance(0.5) ? sentence(main + ", so it is", c.pick("square", "a perfect square"))
          : paragraph(sentence(main), sentence("it is a square", t.imageNoun()));
    } else {
      boolean wide = r.width() > r.height();
      String ratio = r.width() == 2 * r.height() ? "twice as wide as it is tall"
          : r.height() == 2 * r.width() ? "twice as tall as it is wide"
          : wide ? "wider than it is tall" : "taller than it is wide";
      answer = c.chance(0.5) ? sentence(main + ", which makes it", ratio)
          : paragraph(sentence(main), sentence("it is in", wide ? "landscape" : "portrait", "format"));
    }
    return finish(QuestionType.IMAGE_SIZE, question, answer, start, c, t, null, r.toString());
  }

  static Dialogue opinion(SceneTalk t) {
    Choices c = t.choices();
    int kind = c.pick(0, 1, 2, 3, 4);
    String question = fill(t, OPINION_QUESTIONS.get(kind), "");
    double start = c.bits();
    SceneObject focus = c.pick(t.scene().objects());
    String focusPhrase = Text.join("the", t.phrase(focus, 0.3), t.place(focus));
    String answer = switch (kind) {
      case 0 -> paragraph(sentence("it could", c.pick("work well as", "serve as", "be used as"),
              Text.withArticle(c.pick(Lexicon.USES)), c.chance(0.6) ? c.pick(Lexicon.AUDIENCES) : ""),
          sentence("its", c.pick(Lexicon.MOODS), "look and", focusPhrase, "would", c.pick("catch the eye",
              "draw attention", "stand out", "grab attention")));
      case 1 -> paragraph(sentence("the", t.groupNoun(), c.pick("reminds me of", "looks a bit like",
          "brings to mind"), c.pick(Lexicon.LIKENESSES)), c.chance(0.5) ? t.lookalike(focus) : t.association(focus));
      case 2 -> paragraph(sentence("the", t.imageNoun(), "feels", c.chance(0.4) ? c.pick(Lexicon.DEGREE) : "",
              c.pick(Lexicon.MOODS), "and", c.pick(Lexicon.MOODS)),
          sentence(focusPhrase, c.pick("adds to that", "sets the tone", "helps with that", "carries most of it")));
      case 3 -> paragraph(sentence("it is drawn in", Text.withArticle(c.pick(Lexicon.STYLES)), "style, with",
              c.pick("flat", "solid", "clean", "simple", "bold"), "colors and", c.pick("crisp", "sharp", "smooth",
                  "simple", "clean"), "edges"), c.chance(0.5) ? t.remark() : "");
      default -> paragraph(sentence("I find it", c.chance(0.4) ? c.pick(Lexicon.DEGREE) : "", c.pick(Lexicon.MOODS),
              "and", c.pick(Lexicon.MOODS)),
          sentence(focusPhrase, "is the first thing that", c.pick("catches my eye", "I notice", "draws my attention")));
    };
    return finish(QuestionType.OPINION, question, answer, start, c, t, null, "");
  }

  static Dialogue title(SceneTalk t) {
    Choices c = t.choices();
    String question = fill(t, TITLE_QUESTIONS, "");
    double start = c.bits();
    String title = Titles.title(t);
    String main = switch (c.pick(0, 1, 2, 3)) {
      case 0 -> sentence("I would call it", title);
      case 1 -> sentence("a fitting title would be", title);
      case 2 -> Text.sentence(Text.join("how about", title), "?");
      default -> sentence("my suggestion is", title);
    };
    SceneObject focus = c.pick(t.scene().objects());
    String answer = switch (c.pick(0, 1, 2, 3)) {
      case 0 -> paragraph(main, sentence("it", c.pick("plays on", "points to", "nods to", "highlights"), "the",
          t.phrase(focus, 0.3), t.place(focus)));
      case 1 -> paragraph(main, sentence("it captures the", c.pick(Lexicon.MOODS), "feel of the",
          t.groupNoun()));
      case 2 -> paragraph(main, t.remark());
      default -> main;
    };
    return finish(QuestionType.TITLE, question, answer, start, c, t, null, "");
  }
}
