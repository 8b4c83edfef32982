package dev.specvlm.train.eval;

import dev.specvlm.GenerationConfig;
import dev.specvlm.GenerationResult;
import dev.specvlm.SpecDecoder;
import dev.specvlm.SpeculationMode;
import dev.specvlm.train.data.DataSplit;
import dev.specvlm.train.data.GroundedWords;
import dev.specvlm.train.data.QuestionType;
import dev.specvlm.train.data.Resolution;
import dev.specvlm.train.data.Sample;
import dev.specvlm.train.data.SampleGenerator;
import dev.specvlm.train.distill.Conversation;
import dev.specvlm.train.distill.OnnxTeacher;
import dev.specvlm.train.distill.TeacherPass;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a trained target learned, on held-out scenes, through the public decoding API (greedy, autoregressive):
 *
 * <ul>
 *   <li>whether it uses the image: for colour, shape and count questions, the first colour family / shape kind /
 *       number in its answer is compared with the scene's truth (the dialogue's expected fact); chance is the same
 *       comparison against the truth of another scene with a question of the same type;</li>
 *   <li>how much it leans on the image, more finely than greedy accuracy: under teacher forcing on the reference
 *       answers, the mean negative log-likelihood of the image-dictated tokens ({@link GroundedWords}) with the
 *       sample's own image and with another sample's image (a model that ignores the image scores them the same);</li>
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
   * Teacher-forced negative log-likelihoods (nats per token) of the reference answers' tokens.
   *
   * @param factOwnImage image-dictated tokens, with the sample's own image
   * @param factOtherImage the same tokens with the next sample's image in its place
   * @param otherOwnImage every other answer token, own image
   * @param otherOtherImage every other answer token, another image
   * @param factTokens image-dictated tokens scored
   * @param otherTokens other tokens scored
   */
  public record ImageReliance(double factOwnImage, double factOtherImage, double otherOwnImage,
      double otherOtherImage, long factTokens, long otherTokens) {}

  /**
   * The report.
   *
   * @param accuracies colour, shape and count accuracy
   * @param meanTop1Probability mean probability of the greedy tokens over {@code answers} answers
   * @param meanAnswerTokens mean generated tokens per answer
   * @param imageReliance fact-token likelihoods with the right and a wrong image, over the same answers' references
   * @param examples a few (question, reference, generated) triples
   */
  public record Report(List<Accuracy> accuracies, double meanTop1Probability, int answers, double meanAnswerTokens,
      ImageReliance imageReliance, List<String[]> examples) {}

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
    ImageReliance reliance;
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
        reliance = imageReliance(teacher, natural);
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
        (double) tokens / Math.max(1, natural.size()), reliance, examples);
  }

  /** Teacher-forced likelihoods of the samples' reference answers with their own and with the next sample's image. */
  static ImageReliance imageReliance(OnnxTeacher teacher, List<Sample> samples) {
    Set<Integer> facts = GroundedWords.tokenIds(teacher.tokenizer());
    double[] sum = new double[4]; // fact own, fact other, rest own, rest other
    long[] count = new long[4];
    int v = teacher.vocab();
    for (int i = 0; i < samples.size(); i++) {
      Sample s = samples.get(i);
      BufferedImage other = samples.get((i + 1) % samples.size()).image();
      for (int swapped = 0; swapped < 2; swapped++) {
        TeacherPass pass = teacher.run(new Conversation(swapped == 0 ? s.image() : other, s.question(), s.answer()));
        for (int p = pass.answerStart(); p < pass.length(); p++) {
          int token = pass.tokens()[p];
          int k = (facts.contains(token) ? 0 : 2) + swapped;
          sum[k] -= logProbability(pass.answerLogits(), pass.logitRow(p - 1) * v, v, token);
          count[k]++;
        }
      }
    }
    return new ImageReliance(sum[0] / Math.max(1, count[0]), sum[1] / Math.max(1, count[1]),
        sum[2] / Math.max(1, count[2]), sum[3] / Math.max(1, count[3]), count[0], count[2]);
  }

  /** {@code log softmax(logits[from, from + v))[token]}. */
  static double logProbability(float[] logits, int from, int v, int token) {
    return logits[from + token] - logSumExp(logits, from, v, max(logits, from, v));
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
    double max = max(logits, from, v);
    return Math.exp(max - logSumExp(logits, from, v, max));
  }

  private static double max(float[] logits, int from, int v) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < v; i++) {
      max = Math.max(max, logits[from + i]);
    }
    return max;
  }

  /** {@code log Σ exp(logits[from, from + v))}, computed stably around their {@code max}. */
  private static double logSumExp(float[] logits, int from, int v, double max) {
    double sum = 0;
    for (int i = 0; i < v; i++) {
      sum += Math.exp(logits[from + i] - max);
    }
    return max + Math.log(sum);
  }
}
