package dev.specvlm.train.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Writes samples to a folder for inspection: for each seed, {@code <seed>.png} and {@code <seed>.txt} (question,
 * answer, token counts and ground truth).
 *
 * <pre>{@code
 * SceneDump <folder> [count=20] [first-seed=first held-out seed] [patch-size=8]
 * }</pre>
 */
public final class SceneDump {
  private SceneDump() {}

  /**
   * Runs the dump.
   *
   * @param args output folder, then optionally the sample count, the first seed and the patch size
   */
  public static void main(String[] args) {
    if (args.length < 1) {
      System.err.println("usage: SceneDump <folder> [count=20] [first-seed=" + DataSplit.HELD_OUT.first()
          + "] [patch-size=8]");
      System.exit(2);
    }
    Path folder = Path.of(args[0]);
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    long first = args.length > 2 ? Long.parseLong(args[2]) : DataSplit.HELD_OUT.first();
    int patch = args.length > 3 ? Integer.parseInt(args[3]) : 8;
    dump(folder, first, count, patch);
    System.out.println("wrote " + count + " samples to " + folder.toAbsolutePath());
  }

  /** Writes {@code count} samples starting at {@code firstSeed} into {@code folder}, creating it. */
  static void dump(Path folder, long firstSeed, int count, int patchSize) {
    SampleGenerator generator = SampleGenerator.standard();
    WordTokenizer tokenizer = WordTokenizer.bundled();
    try {
      Files.createDirectories(folder);
      for (long seed = firstSeed; seed < firstSeed + count; seed++) {
        Sample s = generator.sample(seed);
        ImageIO.write(s.image(), "png", folder.resolve(seed + ".png").toFile());
        Files.writeString(folder.resolve(seed + ".txt"), describe(s, tokenizer, patchSize), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write samples to " + folder.toAbsolutePath(), e);
    }
  }

  /** The text file of one sample. */
  static String describe(Sample s, WordTokenizer tokenizer, int patchSize) {
    StringBuilder sb = new StringBuilder();
    Scene scene = s.scene();
    sb.append(String.format(Locale.ROOT, "seed %d, %s, %d visual tokens at P=%d, %s%n", s.seed(), s.resolution(),
        s.resolution().visualTokens(patchSize), patchSize, s.dialogue().type()));
    sb.append("USER: ").append(s.question()).append('\n');
    sb.append("ASSISTANT: ").append(s.answer()).append('\n');
    sb.append(String.format(Locale.ROOT, "answer: %d tokens, %.1f bits of wording choice%n",
        tokenizer.encode(s.answer()).length, s.dialogue().answerBits()));
    Background bg = scene.background();
    sb.append(String.format(Locale.ROOT, "background: %s %s/%s %s period=%d%s%n", bg.kind(), bg.primary().name(),
        bg.secondary().name(), bg.orientation(), bg.period(), bg.dark() ? " (dark)" : ""));
    for (SceneObject o : scene.objects()) {
      sb.append(String.format(Locale.ROOT, "- %s %s (%s) %s at (%.1f, %.1f) r=%.1f, %s, box %s%n", o.size(),
          o.color().name(), o.color().family(), o.shape(), o.centerX(), o.centerY(), o.radius(), o.region().label(),
          boxText(o.box())));
    }
    return sb.toString();
  }

  private static String boxText(BoundingBox b) {
    return String.format(Locale.ROOT, "[%.1f, %.1f, %.1f, %.1f]", b.x0(), b.y0(), b.x1(), b.y1());
  }
}
