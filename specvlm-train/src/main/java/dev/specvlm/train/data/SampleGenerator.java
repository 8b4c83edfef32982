package dev.specvlm.train.data;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Produces samples on the fly from seeds: the same seed gives the same pixels and the same text, on any thread, with no
 * stored corpus. Each seed feeds three independent streams (resolution, scene, text), so that changing the grammar
 * never changes an image. Immutable and thread-safe.
 *
 * <p>Which seeds to use for training and which for evaluation is set by {@link DataSplit}.
 */
public final class SampleGenerator {
  private static final long RESOLUTION_STREAM = 1;
  private static final long SCENE_STREAM = 2;
  private static final long TEXT_STREAM = 3;
  private static final long EXTRA_TEXT_STREAMS = 1000;

  private final List<Resolution> resolutions;

  private SampleGenerator(List<Resolution> resolutions) {
    checkArgument(!resolutions.isEmpty(), "a sample generator needs at least one resolution");
    this.resolutions = List.copyOf(resolutions);
  }

  /** A generator over {@link Resolution#STANDARD}, each drawn equally often. */
  public static SampleGenerator standard() {
    return new SampleGenerator(Resolution.STANDARD);
  }

  /**
   * A generator whose samples use one of {@code resolutions}, each entry drawn equally often (list one several times
   * to weight it).
   */
  public static SampleGenerator of(List<Resolution> resolutions) {
    return new SampleGenerator(resolutions);
  }

  /** The resolutions samples are drawn at. */
  public List<Resolution> resolutions() {
    return resolutions;
  }

  /** The sample of {@code seed}: scene, rendered image and dialogue. */
  public Sample sample(long seed) {
    Scene scene = scene(seed);
    return new Sample(seed, scene, SceneRenderer.render(scene), dialogue(scene, seed));
  }

  /** The scene of {@code seed}, without rendering it. */
  public Scene scene(long seed) {
    Resolution resolution = resolutions.get(Math.floorMod(mix(seed, RESOLUTION_STREAM), resolutions.size()));
    return SceneGenerator.generate(resolution, new Random(mix(seed, SCENE_STREAM)));
  }

  /** The dialogue of {@code seed}, without rendering its image: cheap, for text statistics and vocabularies. */
  public Dialogue dialogue(long seed) {
    return dialogue(scene(seed), seed);
  }

  /**
   * {@code count} dialogues about {@code sample}'s scene: its own dialogue first, the others from text streams of
   * their own, so a question type (rarely a whole question) may repeat.
   */
  public List<Dialogue> dialogues(Sample sample, int count) {
    checkArgument(count >= 1, "count must be at least 1, got %s", count);
    List<Dialogue> out = new ArrayList<>(count);
    out.add(sample.dialogue());
    for (int k = 1; k < count; k++) {
      out.add(DialogueGrammar.generate(sample.scene(), new Choices(mix(sample.seed(), EXTRA_TEXT_STREAMS + k))));
    }
    return out;
  }

  private static Dialogue dialogue(Scene scene, long seed) {
    return DialogueGrammar.generate(scene, new Choices(mix(seed, TEXT_STREAM)));
  }

  /**
   * A well-mixed 64-bit value for ({@code seed}, {@code stream}): the SplitMix64 finaliser, so that neighbouring seeds
   * give unrelated {@link Random} streams.
   */
  static long mix(long seed, long stream) {
    long z = seed * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L + 0x632BE59BD9B4E019L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
