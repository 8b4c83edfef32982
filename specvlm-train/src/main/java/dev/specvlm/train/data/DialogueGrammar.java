package dev.specvlm.train.data;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The grammar of questions and answers about a scene: draws a question type, writes the user turn, then the assistant
 * turn. The facts an answer states (colours, shapes, counts, places, sizes, coordinates) come from the scene; its
 * wording — openers, synonyms, word order, optional clauses, remarks — is drawn from the sample's
 * {@link Choices}, whose surprisal during the answer is recorded as {@link Dialogue#answerBits()}.
 */
final class DialogueGrammar {
  private static final QuestionType[] TYPES = QuestionType.values();

  private DialogueGrammar() {}

  /** A dialogue about {@code scene}, every choice drawn from {@code choices}. */
  static Dialogue generate(Scene scene, Choices choices) {
    SceneTalk t = new SceneTalk(scene, choices);
    double[] weights = new double[TYPES.length];
    for (QuestionType type : TYPES) {
      weights[type.ordinal()] = type.weight();
    }
    while (true) {
      QuestionType type = TYPES[choices.weighted(weights)];
      Dialogue d = generate(type, t);
      if (d != null) {
        return d;
      }
      weights[type.ordinal()] = 0; // does not fit this scene; CAPTION, DESCRIBE, COUNT… always fit
    }
  }

  /** A dialogue of the given type, or null if the type does not fit the scene. */
  static @Nullable Dialogue generate(QuestionType type, SceneTalk t) {
    return switch (type) {
      case CAPTION -> SceneQuestions.caption(t);
      case DESCRIBE -> SceneQuestions.describe(t);
      case COUNT -> SceneQuestions.count(t);
      case BACKGROUND -> SceneQuestions.background(t);
      case ORDER -> SceneQuestions.order(t);
      case IMAGE_SIZE -> SceneQuestions.imageSize(t);
      case OPINION -> SceneQuestions.opinion(t);
      case TITLE -> SceneQuestions.title(t);
      case COLOR -> ObjectQuestions.color(t);
      case SHAPE -> ObjectQuestions.shape(t);
      case POSITION -> ObjectQuestions.position(t);
      case EXISTENCE -> ObjectQuestions.existence(t);
      case SIZE -> ObjectQuestions.size(t);
      case RELATION -> ObjectQuestions.relation(t);
      case GROUNDING -> ObjectQuestions.grounding(t);
    };
  }

  /**
   * The finished dialogue: both turns put in one spelling (drawn here), and the answer's surprisal since
   * {@code answerStart}; the spelling costs the answer one bit when only the answer reveals it.
   *
   * @param subject the object asked about, or null
   * @param expected the canonical fact the answer states ({@link Dialogue#expected()})
   */
  static Dialogue finish(QuestionType type, String question, String answer, double answerStart, Choices c,
      SceneTalk t, @Nullable SceneObject subject, String expected) {
    double bits = c.bits() - answerStart;
    Dialect dialect = c.pick(Dialect.values());
    if (!Dialect.marks(question) && Dialect.marks(answer)) {
      bits += 1;
    }
    int index = subject == null ? Dialogue.NO_SUBJECT : t.scene().objects().indexOf(subject);
    return new Dialogue(type, dialect.apply(question), dialect.apply(answer), bits, index, expected);
  }

  /**
   * One of {@code templates} with {@code {r}} replaced by {@code ref} and {@code {i}} by a noun for the image.
   */
  static String fill(SceneTalk t, List<String> templates, String ref) {
    String template = t.choices().pick(templates);
    String out = template.replace("{r}", ref);
    return out.contains("{i}") ? out.replace("{i}", t.imageNoun()) : out;
  }

  /** {@code body} preceded, with probability {@code p}, by an opener such as "in this image,". */
  static String withOpener(SceneTalk t, double p, String body) {
    return t.choices().chance(p) ? t.choices().pick(Lexicon.OPENERS) + ", " + body : body;
  }

  /** {@code words} joined, capitalised and ended with a full stop. */
  static String sentence(String... words) {
    return Text.sentence(Text.join(words), ".");
  }

  /** Sentences joined by single spaces. */
  static String paragraph(String... sentences) {
    return Text.join(sentences);
  }
}
