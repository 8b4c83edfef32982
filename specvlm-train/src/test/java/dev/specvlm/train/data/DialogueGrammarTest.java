package dev.specvlm.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the grammar says (it states the image's facts) and how much it varies (its wording is not fixed). */
class DialogueGrammarTest {
  private static final int SAMPLES = 3000;
  private static final SampleGenerator GENERATOR = SampleGenerator.standard();
  private static final List<Scene> SCENES = new ArrayList<>();
  private static final List<Dialogue> DIALOGUES = new ArrayList<>();

  @BeforeAll
  static void generate() {
    for (long i = 0; i < SAMPLES; i++) {
      long seed = DataSplit.HELD_OUT.seed(i);
      SCENES.add(GENERATOR.scene(seed));
      DIALOGUES.add(GENERATOR.dialogue(seed));
    }
  }

  @Test
  void generate_heldOutSamples_everyQuestionTypeOccurs() {
    Set<QuestionType> seen = new HashSet<>();
    DIALOGUES.forEach(d -> seen.add(d.type()));
    assertEquals(Set.of(QuestionType.values()), seen);
  }

  @Test
  void answer_heldOutSamples_statesTheExpectedFact() {
    for (int i = 0; i < SAMPLES; i++) {
      Scene scene = SCENES.get(i);
      Dialogue d = DIALOGUES.get(i);
      String answer = Dialect.BRITISH.apply(d.answer()).toLowerCase(Locale.ROOT);
      SceneObject subject = d.subject() == Dialogue.NO_SUBJECT ? null : scene.objects().get(d.subject());
      String context = d.type() + " / " + d.question() + " / " + d.answer() + " / expected " + d.expected();
      switch (d.type()) {
        case COLOR -> assertTrue(namesColor(answer, subject.color()), context);
        case SHAPE, SIZE -> assertTrue(subject.shape().nouns().stream().anyMatch(answer::contains), context);
        case POSITION -> assertTrue(subject.region().phrases().stream().map(Dialect.BRITISH::apply)
            .anyMatch(answer::contains), context);
        case EXISTENCE, RELATION -> assertTrue(answer.startsWith(d.expected()), context);
        case COUNT -> assertTrue(statesCount(answer, Integer.parseInt(d.expected())), context);
        case GROUNDING -> assertTrue(answer.contains(d.expected()), context);
        case IMAGE_SIZE -> assertTrue(answer.contains(scene.resolution().width() + " ")
            && answer.contains(scene.resolution().height() + " "), context);
        case BACKGROUND -> assertTrue(answer.contains(d.expected()), context);
        case ORDER -> assertTrue(inOrder(answer, d.expected().split(","), scene), context);
        case CAPTION, DESCRIBE, OPINION, TITLE -> assertEquals("", d.expected(), context);
      }
    }
  }

  private static boolean namesColor(String answer, NamedColor color) {
    ColorFamily f = color.family();
    return f.names().stream().anyMatch(answer::contains) || answer.contains(f.tinge())
        || answer.contains(Dialect.BRITISH.apply(color.name()));
  }

  private static boolean statesCount(String answer, int n) {
    if (n == 0) {
      return answer.contains(" no ") || answer.contains("not a single") || answer.contains(" any ");
    }
    if (n == 1) {
      return answer.matches(".*\\b(one|single|1)\\b.*");
    }
    return answer.contains(" " + Lexicon.NUMBER_WORDS.get(n) + " ") || answer.contains(" " + n + " ");
  }

  /** Whether an object of each kind is named, in this order (by any of its nouns). */
  private static boolean inOrder(String answer, String[] nouns, Scene scene) {
    int at = 0;
    for (String noun : nouns) {
      ShapeKind kind = Arrays.stream(ShapeKind.values()).filter(k -> k.noun().equals(noun)).findFirst().orElseThrow();
      int best = -1;
      for (String n : kind.nouns()) {
        int i = answer.indexOf(n, at);
        if (i >= 0 && (best < 0 || i < best)) {
          best = i;
        }
      }
      if (best < 0) {
        return false;
      }
      at = best + 1;
    }
    return true;
  }

  @Test
  void dialogue_subjectAndExpected_presentExactlyForFactualTypes() {
    for (Dialogue d : DIALOGUES) {
      boolean free = Set.of(QuestionType.CAPTION, QuestionType.DESCRIBE, QuestionType.OPINION, QuestionType.TITLE)
          .contains(d.type());
      assertEquals(free, d.expected().isEmpty(), d.type() + " " + d.expected());
      boolean aboutOne = Set.of(QuestionType.COLOR, QuestionType.SHAPE, QuestionType.POSITION, QuestionType.SIZE,
          QuestionType.RELATION, QuestionType.GROUNDING).contains(d.type());
      assertEquals(aboutOne, d.subject() != Dialogue.NO_SUBJECT, d.type() + " subject " + d.subject());
    }
  }

  @Test
  void dialogue_spelling_neverMixesDialects() {
    for (Dialogue d : DIALOGUES) {
      String text = d.question() + " " + d.answer();
      boolean american = text.matches("(?s).*\\b([Cc]olor|[Gg]ray|[Cc]enter).*");
      boolean british = text.matches("(?s).*\\b([Cc]olour|[Gg]rey|[Cc]entre).*");
      assertTrue(!(american && british), text);
    }
  }

  /**
   * Answers are 10–60 tokens in the main: the median within 15–35, and 90% of answers between 8 and 70 tokens (long
   * descriptions of six objects run a little past 60).
   */
  @Test
  void answer_lengthInTokens_roughly10To60() {
    WordTokenizer tokenizer = WordTokenizer.bundled();
    int[] lengths = DIALOGUES.stream().mapToInt(d -> tokenizer.encode(d.answer()).length).sorted().toArray();
    int median = lengths[lengths.length / 2];
    int p5 = lengths[lengths.length / 20];
    int p95 = lengths[lengths.length * 19 / 20];
    assertTrue(median >= 15 && median <= 35, "median " + median);
    assertTrue(p5 >= 8 && p95 <= 70, "5th percentile " + p5 + ", 95th " + p95);
  }

  /**
   * Almost every held-out answer is unique: with the scene, the question and the wording all drawn, a repeat means
   * the grammar collapsed. 95% leaves room for the genuinely short answers (yes/no and counts of simple scenes).
   */
  @Test
  void answer_heldOutSamples_atLeast95PercentDistinct() {
    Set<String> distinct = new HashSet<>();
    DIALOGUES.forEach(d -> distinct.add(d.answer()));
    assertTrue(distinct.size() >= 0.95 * SAMPLES, "distinct answers " + distinct.size() + " of " + SAMPLES);
  }

  /**
   * The wording of every question type is uncertain, not templated: the grammar's own surprisal per answer averages
   * at least 3 bits (more than 8 equally likely wordings) for every type, and over all answers it lies between 0.4 and
   * 1.5 bits per token — far from 0 (a draft could guess everything, so acceptance lengths would say nothing) and far
   * from the ~11 bits of a uniform choice over the vocabulary (nothing to learn).
   */
  @Test
  void answerBits_everyType_wordingIsGenuinelyUncertain() {
    WordTokenizer tokenizer = WordTokenizer.bundled();
    Map<QuestionType, double[]> sums = new EnumMap<>(QuestionType.class); // [bits, count]
    double bits = 0;
    long tokens = 0;
    for (Dialogue d : DIALOGUES) {
      double[] s = sums.computeIfAbsent(d.type(), k -> new double[2]);
      s[0] += d.answerBits();
      s[1]++;
      bits += d.answerBits();
      tokens += tokenizer.encode(d.answer()).length;
    }
    sums.forEach((type, s) -> assertTrue(s[0] / s[1] >= 3, type + " averages " + s[0] / s[1] + " bits"));
    double perToken = bits / tokens;
    assertTrue(perToken >= 0.4 && perToken <= 1.5, "bits per answer token " + perToken);
  }

  /**
   * For one scene and one question type, different text seeds word the answer differently: over 100 seeds at least
   * 60% of answers are distinct for the rich types, and at least 10% for the plainest (the image size, whose facts
   * leave only a few dozen wordings).
   */
  @Test
  void generate_fixedSceneAndType_wordingVariesWithTheTextSeed() {
    Scene scene = GENERATOR.scene(DataSplit.HELD_OUT.seed(1));
    for (QuestionType type : QuestionType.values()) {
      Set<String> answers = new HashSet<>();
      int generated = 0;
      for (long seed = 0; seed < 100; seed++) {
        Dialogue d = DialogueGrammar.generate(type, new SceneTalk(scene, new Choices(seed)));
        if (d != null) {
          generated++;
          answers.add(d.answer());
        }
      }
      if (generated == 0) {
        continue; // the type does not fit this scene
      }
      double share = answers.size() / (double) generated;
      double floor = type == QuestionType.IMAGE_SIZE ? 0.1 : 0.6;
      assertTrue(share >= floor, type + ": " + answers.size() + " distinct of " + generated);
    }
    assertNotNull(DialogueGrammar.generate(QuestionType.DESCRIBE, new SceneTalk(scene, new Choices(0))));
  }
}
