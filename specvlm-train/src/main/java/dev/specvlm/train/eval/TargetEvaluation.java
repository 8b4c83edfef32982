package dev.specvlm.train.eval;

import dev.specvlm.GenerationConfig;
import dev.specvlm.GenerationResult;
import dev.specvlm.SpecDecoder;
import dev.specvlm.SpeculationMode;
import dev.specvlm.train.data.DataSplit;
import dev.specvlm.train.data.QuestionType;
import dev.specvlm.train.data.Resolution;
import dev.specvlm.train.data.Sample;
import dev.specvlm.train.data.SampleGenerator;
import dev.specvlm.train.distill.Conversation;
import dev.specvlm.train.distill.OnnxTeacher;
import dev.specvlm.train.distill.TeacherPass;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a trained target learned, on held-out scenes, through the public decoding API (greedy, autoregressive):
 *
 * <ul>
 *   <li>whether it uses the image: for colour, shape and count questions, the first colour family / shape kind /
 *       number in its answer is compared with the scene's truth (the dialogue's expected fact); chance is the same
 *       comparison against the truth of another scene with a question of the same type;</li>
 *   <li>how predictable its text is: the mean probability of its own greedy tokens (their top-1 probability), read
 *       from a teacher-forced pass of the target over its answers.</li>
 * </ul>
 */
public final class TargetEvaluation {
  private TargetEvaluation() {}

  /**
   * Accuracy on one kind of question.
   *
   * @param type the question type
   * @param scored answers scored
   * @param accuracy share of scored answers whose first such word matches the scene's expected fact
   * @param chance the same share scored against another scene's expected fact
   */
  public record Accuracy(QuestionType type, int scored, double accuracy, double chance) {}

  /**
   * The report.
   *
   * @param accuracies colour, shape and count accuracy
   * @param meanTop1Probability mean probability of the greedy tokens over {@code answers} answers
   * @param meanAnswerTokens mean generated tokens per answer
   * @param examples a few (question, reference, generated) triples
   */
  public record Report(List<Accuracy> accuracies, double meanTop1Probability, int answers, double meanAnswerTokens,
      List<String[]> examples) {}

  /**
   * Evaluates {@code folder} on {@code perType} held-out samples of each scored type and {@code general} held-out
   * samples of the natural mix (for predictability).
   */
  public static Report run(Path folder, List<Resolution> mix, int perType, int general, int maxNewTokens) {
    SampleGenerator generator = SampleGenerator.of(mix);
    Map<QuestionType, KeyWords> kinds = new EnumMap<>(QuestionType.class);
    kinds.put(QuestionType.COLOR, KeyWords.colors());
    kinds.put(QuestionType.SHAPE, KeyWords.shapes());
    kinds.put(QuestionType.COUNT, KeyWords.counts());
    Map<QuestionType, List<Sample>> byType = new EnumMap<>(QuestionType.class);
    kinds.keySet().forEach(t -> byType.put(t, new ArrayList<>()));
    List<Sample> natural = new ArrayList<>();
    for (long i = 0; i < DataSplit.HELD_OUT.size(); i++) {
      Sample s = generator.sample(DataSplit.HELD_OUT.seed(i));
      List<Sample> bucket = byType.get(s.dialogue().type());
      if (bucket != null && bucket.size() < perType) {
        bucket.add(s);
      }
      if (natural.size() < general) {
        natural.add(s);
      }
      if (natural.size() >= general && byType.values().stream().allMatch(b -> b.size() >= perType)) {
        break;
      }
    }
    GenerationConfig greedy = GenerationConfig.builder().maxNewTokens(maxNewTokens).temperature(0)
        .speculation(SpeculationMode.AR).build();
    List<Accuracy> accuracies = new ArrayList<>();
    List<String[]> examples = new ArrayList<>();
    double probabilitySum = 0;
    long probabilityCount = 0;
    long tokens = 0;
    try (SpecDecoder decoder = SpecDecoder.builder().modelDir(folder).build()) {
      for (Map.Entry<QuestionType, List<Sample>> e : byType.entrySet()) {
        KeyWords words = kinds.get(e.getKey());
        List<Sample> samples = e.getValue();
        List<String> generated = new ArrayList<>();
        for (Sample s : samples) {
          generated.add(answerText(decoder, decoder.generate(AcceptanceBenchmark.prompt(s), greedy)));
        }
        int scored = 0;
        int right = 0;
        int chanceRight = 0;
        for (int i = 0; i < samples.size(); i++) {
          String reference = words.first(samples.get(i).dialogue().expected());
          String other = words.first(samples.get((i + 1) % samples.size()).dialogue().expected());
          if (reference == null || other == null) {
            continue;
          }
          String answer = words.first(generated.get(i));
          scored++;
          right += reference.equals(answer) ? 1 : 0;
          chanceRight += other.equals(answer) ? 1 : 0;
          if (examples.size() < 3 * kinds.size() && i < 3) {
            examples.add(new String[] {samples.get(i).question(), samples.get(i).answer(), generated.get(i)});
          }
        }
        accuracies.add(new Accuracy(e.getKey(), scored, (double) right / Math.max(1, scored),
            (double) chanceRight / Math.max(1, scored)));
      }
      try (OnnxTeacher teacher = OnnxTeacher.load(folder, 0)) {
        for (Sample s : natural) {
          GenerationResult r = decoder.generate(AcceptanceBenchmark.prompt(s), greedy);
          tokens += r.tokenCount();
          TeacherPass pass = teacher.run(new Conversation(s.image(), s.question(), answerText(decoder, r)));
          int v = teacher.vocab();
          for (int p = pass.answerStart() - 1; p <= pass.length() - 2; p++) {
            probabilitySum += maxProbability(pass.answerLogits(), pass.logitRow(p) * v, v);
            probabilityCount++;
          }
        }
      }
    }
    return new Report(accuracies, probabilitySum / Math.max(1, probabilityCount), natural.size(),
        (double) tokens / Math.max(1, natural.size()), examples);
  }

  /** The generated text without a closing end-of-sequence token (the teacher pass appends its own). */
  static String answerText(SpecDecoder decoder, GenerationResult r) {
    int[] ids = r.tokenIds();
    int n = ids.length;
    if (n > 0 && decoder.modelInfo().eosTokenIds().contains(ids[n - 1])) {
      n--;
    }
    return decoder.decode(java.util.Arrays.copyOf(ids, n));
  }

  /** The largest softmax probability of {@code logits[from, from + v)}. */
  static double maxProbability(float[] logits, int from, int v) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < v; i++) {
      max = Math.max(max, logits[from + i]);
    }
    double sum = 0;
    for (int i = 0; i < v; i++) {
      sum += Math.exp(logits[from + i] - max);
    }
    return 1 / sum;
  }
}
