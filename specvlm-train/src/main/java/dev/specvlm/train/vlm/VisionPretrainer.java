package dev.specvlm.train.vlm;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.specvlm.ImageInput;
import dev.specvlm.onnx.image.ImagePreprocessor;
import dev.specvlm.onnx.image.ImageSettings;
import dev.specvlm.onnx.reference.ReferenceConfig;
import dev.specvlm.onnx.reference.ReferenceWeights;
import dev.specvlm.train.data.DataSplit;
import dev.specvlm.train.data.Resolution;
import dev.specvlm.train.data.Sample;
import dev.specvlm.train.data.SampleGenerator;
import dev.specvlm.train.loop.LearningRateSchedule;
import dev.specvlm.train.loop.TrainingProgress;
import dev.specvlm.train.nn.AdamW;
import dev.specvlm.train.nn.Checkpoint;
import dev.specvlm.train.nn.OwnedArrays;
import dev.specvlm.train.nn.ParameterSet;
import dev.specvlm.train.nn.TargetNet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntPredicate;

/**
 * Pretrains the vision encoder before the language model is trained on top of it, as LLaVA starts from a pretrained
 * CLIP: two linear heads on the encoder's output classify every patch's colour family and shape kind (or background),
 * labelled from the scene's ground truth ({@link PatchLabels}), and a third classifies every object's shape from the
 * mean of its patches' features. A decoder trained from scratch with a randomly initialised encoder learned fluent but
 * image-blind answers (colour, shape and count at chance after a million positions); with a pretrained encoder the
 * image is legible from the start. The per-patch heads alone taught colour but not shape (a patch sees a piece of an
 * outline; object-patch shape stayed at chance, 8 % for 16 kinds): the object-level head is what makes the encoder
 * put an object's shape into its patches. The heads are discarded afterwards.
 *
 * <p>Writes {@code runDir/vision.ckpt} (the encoder's weights, patch accuracies in the metadata) at the end; a run
 * folder that has it is not pretrained again.
 */
public final class VisionPretrainer {
  /** The checkpoint file inside a run folder. */
  public static final String CHECKPOINT = "vision.ckpt";
  private static final String COLOR_HEAD = "aux.color";
  private static final String SHAPE_HEAD = "aux.shape";
  private static final String OBJECT_HEAD = "aux.object";

  private VisionPretrainer() {}

  /**
   * How the encoder is pretrained.
   *
   * @param steps optimizer steps
   * @param patchBudget patches per step (B = budget / patches per image, at least 1)
   * @param schedule learning rate over the fraction of steps done
   * @param seed initial weights, resolutions and samples
   * @param objectShapeWeight weight of the object-level shape loss next to the two per-patch losses (0 leaves it out)
   */
  public record Config(int steps, int patchBudget, LearningRateSchedule schedule, double initStd, long seed,
      int logEvery, double objectShapeWeight) {
    /** Validates. */
    public Config {
      checkArgument(steps > 0 && patchBudget > 0, "steps and patchBudget must be positive");
      checkArgument(objectShapeWeight >= 0, "objectShapeWeight must not be negative, got %s", objectShapeWeight);
    }

    /**
     * The bundled model's: 3000 steps of 2048 patches, peak 1.5e-3, 5 % warm-up, cosine to a tenth, the
     * object-level shape loss at weight 1.
     */
    public static Config bundled() {
      return new Config(3000, 2048, new LearningRateSchedule(1.5e-3, 0.05, 0.1), 0.02, 20250918L, 50, 1.0);
    }

    /** The same recipe over {@code steps} steps. */
    public Config withSteps(int steps) {
      return new Config(steps, patchBudget, schedule, initStd, seed, logEvery, objectShapeWeight);
    }
  }

  /**
   * The pretrained encoder.
   *
   * @param weights the {@code vision.*} weights by name
   * @param colorAccuracy patch colour accuracy over the last tenth of the steps
   * @param shapeAccuracy patch shape accuracy over the last tenth of the steps
   * @param objectColorAccuracy colour accuracy on object patches alone (background patches, most of every image, left
   *     out), over the last tenth of the steps; NaN for a checkpoint written before it was measured
   * @param objectShapeAccuracy shape accuracy on object patches alone, likewise
   * @param objectLevelShapeAccuracy accuracy of the object-level head (an object's shape from its pooled patches),
   *     likewise; NaN where it was not trained
   */
  public record Result(Map<String, float[]> weights, double colorAccuracy, double shapeAccuracy,
      double objectColorAccuracy, double objectShapeAccuracy, double objectLevelShapeAccuracy) {}

  /** Pretrains from freshly initialised weights, or reads the result of an earlier pretraining from {@code runDir}. */
  public static Result pretrain(ReferenceConfig model, Config config, List<Resolution> mix, ImageSettings image,
      Path runDir, boolean showBar) throws java.io.IOException {
    return pretrain(model, config, mix, image, runDir, showBar, Map.of());
  }

  /**
   * Pretrains, starting the encoder from {@code start} (its {@code vision.*} weights; empty for a fresh
   * initialisation), or reads the result of an earlier pretraining from {@code runDir}.
   */
  public static Result pretrain(ReferenceConfig model, Config config, List<Resolution> mix, ImageSettings image,
      Path runDir, boolean showBar, Map<String, float[]> start) throws java.io.IOException {
    Path file = runDir.resolve(CHECKPOINT);
    if (Files.exists(file)) {
      return result(Checkpoint.read(file));
    }
    Files.createDirectories(runDir);
    int width = model.visionWidth();
    Map<String, int[]> shapes = new LinkedHashMap<>();
    ReferenceWeights.expectedShapes(model).forEach((name, dims) -> {
      if (name.startsWith("vision.")) {
        shapes.put(name, dims);
      }
    });
    Map<String, float[]> initial = InitialWeights.of(model, config.initStd(), config.seed(),
        name -> name.startsWith("vision."));
    start.forEach((name, v) -> {
      checkArgument(initial.containsKey(name) && initial.get(name).length == v.length,
          "the encoder to start from has %s of %s values, which this model's vision encoder does not", name, v.length);
      initial.put(name, v);
    });
    shapes.put(COLOR_HEAD + ".weight", new int[] {PatchLabels.COLOR_CLASSES, width});
    shapes.put(COLOR_HEAD + ".bias", new int[] {PatchLabels.COLOR_CLASSES});
    shapes.put(SHAPE_HEAD + ".weight", new int[] {PatchLabels.SHAPE_CLASSES, width});
    shapes.put(SHAPE_HEAD + ".bias", new int[] {PatchLabels.SHAPE_CLASSES});
    shapes.put(OBJECT_HEAD + ".weight", new int[] {PatchLabels.SHAPE_CLASSES, width});
    shapes.put(OBJECT_HEAD + ".bias", new int[] {PatchLabels.SHAPE_CLASSES});
    Random init = new Random(config.seed());
    for (String head : List.of(COLOR_HEAD, SHAPE_HEAD, OBJECT_HEAD)) {
      int[] dims = shapes.get(head + ".weight");
      float[] w = new float[dims[0] * dims[1]];
      for (int i = 0; i < w.length; i++) {
        w[i] = (float) (config.initStd() * init.nextGaussian());
      }
      initial.put(head + ".weight", w);
      initial.put(head + ".bias", new float[dims[0]]);
    }
    ImagePreprocessor preprocessor = new ImagePreprocessor(image);
    Map<Resolution, SampleGenerator> generators = new HashMap<>();
    long cursor = 0;
    // over the last tenth of the steps: colour, shape, object-patch colour, object-patch shape, object-level shape
    Mean[] tail = {new Mean(), new Mean(), new Mean(), new Mean(), new Mean()};
    try (NDManager root = NDManager.newBaseManager();
        ParameterSet params = ParameterSet.create(root, shapes, initial, name -> true);
        AdamW adam = new AdamW(params, 0.9, 0.95, 1e-8, 0.05, InitialWeights::decays);
        TrainingProgress progress = new TrainingProgress("vision", config.steps(), 0, "steps",
            runDir.resolve("vision.log"), config.logEvery(), showBar)) {
      TargetNet net = new TargetNet(model, params);
      for (int step = 0; step < config.steps(); step++) {
        Resolution r = mix.get(new Random(config.seed() * 31 + step).nextInt(mix.size()));
        SampleGenerator generator = generators.computeIfAbsent(r, x -> SampleGenerator.of(List.of(x)));
        int n = r.visualTokens(model.patchSize());
        int b = Math.max(1, config.patchBudget() / n);
        float[] pixels = new float[b * 3 * r.width() * r.height()];
        long[] colors = new long[b * n];
        long[] kinds = new long[b * n];
        List<PatchLabels> batchLabels = new ArrayList<>();
        for (int i = 0; i < b; i++) {
          Sample s = generator.sample(DataSplit.TRAIN.seed((1L << 36) + cursor++));
          float[] p = preprocessor.preprocess(ImageInput.of(s.image())).pixels();
          System.arraycopy(p, 0, pixels, i * p.length, p.length);
          PatchLabels labels = PatchLabels.of(s.scene(), model.patchSize());
          batchLabels.add(labels);
          for (int j = 0; j < n; j++) {
            colors[i * n + j] = labels.colors()[j];
            kinds[i * n + j] = labels.shapes()[j];
          }
        }
        double[] accuracy;
        try (NDManager m = root.newSubManager();
            GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          NDArray features = net.visionFeatures(m.create(pixels, new Shape(b, 3, r.height(), r.width())))
              .reshape((long) b * n, width);
          NDArray colorLogits = features.matMul(params.get(COLOR_HEAD + ".weight").transpose())
              .add(params.get(COLOR_HEAD + ".bias"));
          NDArray shapeLogits = features.matMul(params.get(SHAPE_HEAD + ".weight").transpose())
              .add(params.get(SHAPE_HEAD + ".bias"));
          NDArray colorTargets = m.create(colors);
          NDArray shapeTargets = m.create(kinds);
          NDArray loss = crossEntropy(colorLogits, colorTargets, PatchLabels.COLOR_CLASSES)
              .add(crossEntropy(shapeLogits, shapeTargets, PatchLabels.SHAPE_CLASSES));
          ObjectPools pools = ObjectPools.of(batchLabels);
          double objectLevel = Double.NaN;
          if (config.objectShapeWeight() > 0 && pools.count() > 0) {
            NDArray pooled = OwnedArrays.owned(m.create(pools.weights(), new Shape(pools.count(), (long) b * n)))
                .matMul(features);
            NDArray objectLogits = pooled.matMul(params.get(OBJECT_HEAD + ".weight").transpose())
                .add(params.get(OBJECT_HEAD + ".bias"));
            loss = loss.add(OwnedArrays.scaled(crossEntropy(objectLogits, m.create(pools.shapes()),
                PatchLabels.SHAPE_CLASSES), config.objectShapeWeight()));
            objectLevel = accuracy(objectLogits.argMax(1).toLongArray(), pools.shapes());
          }
          collector.backward(loss);
          long[] colorPredicted = colorLogits.argMax(1).toLongArray();
          long[] shapePredicted = shapeLogits.argMax(1).toLongArray();
          accuracy = new double[] {loss.getFloat(), accuracy(colorPredicted, colors), accuracy(shapePredicted, kinds),
              accuracyOnObjects(colorPredicted, colors, kinds), accuracyOnObjects(shapePredicted, kinds, kinds),
              objectLevel};
        }
        double lr = config.schedule().at((double) step / config.steps());
        adam.step(lr, 1.0);
        if (step >= config.steps() - Math.max(1, config.steps() / 10)) { // at least the last step
          for (int k = 0; k < tail.length; k++) {
            tail[k].add(accuracy[k + 1]);
          }
        }
        progress.step(step + 1, step + 1, config.steps(), String.format(Locale.ROOT,
            "loss %.3f colour %.3f shape %.3f object shape %.3f lr %.1e %dx%s", accuracy[0], accuracy[1],
            accuracy[2], accuracy[5], lr, b, r));
      }
      Map<String, float[]> weights = new LinkedHashMap<>();
      params.toFloatArrays().forEach((name, v) -> {
        if (name.startsWith("vision.")) {
          weights.put(name, v);
        }
      });
      Result result = new Result(weights, tail[0].get(), tail[1].get(), tail[2].get(), tail[3].get(), tail[4].get());
      Map<String, String> meta = new LinkedHashMap<>();
      meta.put("steps", Integer.toString(config.steps()));
      meta.put("images", Long.toString(cursor));
      meta.put("colorAccuracy", Double.toString(result.colorAccuracy()));
      meta.put("shapeAccuracy", Double.toString(result.shapeAccuracy()));
      meta.put("objectColorAccuracy", Double.toString(result.objectColorAccuracy()));
      meta.put("objectShapeAccuracy", Double.toString(result.objectShapeAccuracy()));
      meta.put("objectLevelShapeAccuracy", Double.toString(result.objectLevelShapeAccuracy()));
      meta.put("objectShapeWeight", Double.toString(config.objectShapeWeight()));
      meta.put("startedFrom", start.isEmpty() ? "fresh initialisation" : "a given encoder");
      Map<String, float[]> tensors = new LinkedHashMap<>();
      weights.forEach((name, v) -> tensors.put("w." + name, v));
      new Checkpoint(meta, tensors).write(file);
      progress.line(String.format(Locale.ROOT, "vision pretraining done: patch colour accuracy %.3f, shape %.3f;"
          + " on object patches colour %.3f, shape %.3f; object-level shape %.3f", result.colorAccuracy(),
          result.shapeAccuracy(), result.objectColorAccuracy(), result.objectShapeAccuracy(),
          result.objectLevelShapeAccuracy()));
      return result;
    }
  }

  /** The mean of the values added, NaN ones (nothing to score in that step) left out; NaN when none was added. */
  private static final class Mean {
    private double sum;
    private int count;

    void add(double value) {
      if (!Double.isNaN(value)) {
        sum += value;
        count++;
      }
    }

    double get() {
      return count == 0 ? Double.NaN : sum / count;
    }
  }

  private static NDArray crossEntropy(NDArray logits, NDArray targets, int classes) {
    return logits.logSoftmax(1).mul(targets.oneHot(classes, DataType.FLOAT32)).sum(new int[] {1}).mean().neg();
  }

  /**
   * The share of object patches (shape class not background) whose prediction equals the truth; NaN if there are
   * none. Background patches are most of every scene, so accuracy over all patches hides what the encoder knows
   * about objects.
   */
  static double accuracyOnObjects(long[] predicted, long[] truth, long[] shapeClasses) {
    return accuracyWhere(predicted, truth, i -> shapeClasses[i] != 0);
  }

  /** The result recorded in a pretraining checkpoint ({@link #CHECKPOINT}). */
  public static Result result(Checkpoint done) {
    return new Result(done.withPrefix("w."), Double.parseDouble(done.meta("colorAccuracy")),
        Double.parseDouble(done.meta("shapeAccuracy")), metaOrNaN(done, "objectColorAccuracy"),
        metaOrNaN(done, "objectShapeAccuracy"), metaOrNaN(done, "objectLevelShapeAccuracy"));
  }

  private static double metaOrNaN(Checkpoint c, String key) {
    try {
      return Double.parseDouble(c.meta(key));
    } catch (IllegalArgumentException e) { // absent in checkpoints written before the measure existed
      return Double.NaN;
    }
  }

  private static double accuracy(long[] predicted, long[] truth) {
    return accuracyWhere(predicted, truth, i -> true);
  }

  /** The share of the patches {@code counted} accepts whose prediction equals the truth; NaN if it accepts none. */
  private static double accuracyWhere(long[] predicted, long[] truth, IntPredicate counted) {
    int right = 0;
    int scored = 0;
    for (int i = 0; i < predicted.length; i++) {
      if (counted.test(i)) {
        scored++;
        right += predicted[i] == truth[i] ? 1 : 0;
      }
    }
    return scored == 0 ? Double.NaN : (double) right / scored;
  }
}
