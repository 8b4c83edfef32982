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
import dev.specvlm.train.nn.ParameterSet;
import dev.specvlm.train.nn.TargetNet;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * labelled from the scene's ground truth ({@link PatchLabels}). A decoder trained from scratch with a randomly
 * initialised encoder learned fluent but image-blind answers (colour, shape and count at chance after a million
 * positions); with a pretrained encoder the image is legible from the start. The heads are discarded afterwards.
 *
 * <p>Writes {@code runDir/vision.ckpt} (the encoder's weights, patch accuracies in the metadata) at the end; a run
 * folder that has it is not pretrained again.
 */
public final class VisionPretrainer {
  /** The checkpoint file inside a run folder. */
  public static final String CHECKPOINT = "vision.ckpt";
  private static final String COLOR_HEAD = "aux.color";
  private static final String SHAPE_HEAD = "aux.shape";

  private VisionPretrainer() {}

  /**
   * How the encoder is pretrained.
   *
   * @param steps optimizer steps
   * @param patchBudget patches per step (B = budget / patches per image, at least 1)
   * @param schedule learning rate over the fraction of steps done
   * @param seed initial weights, resolutions and samples
   */
  public record Config(int steps, int patchBudget, LearningRateSchedule schedule, double initStd, long seed,
      int logEvery) {
    /** Validates. */
    public Config {
      checkArgument(steps > 0 && patchBudget > 0, "steps and patchBudget must be positive");
    }

    /** The bundled model's: 800 steps of 2048 patches, peak 1e-3, 5 % warm-up, cosine to a tenth. */
    public static Config bundled() {
      return new Config(800, 2048, new LearningRateSchedule(1e-3, 0.05, 0.1), 0.02, 20250918L, 50);
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
   */
  public record Result(Map<String, float[]> weights, double colorAccuracy, double shapeAccuracy,
      double objectColorAccuracy, double objectShapeAccuracy) {}

  /** Pretrains, or reads the result of an earlier pretraining from {@code runDir}. */
  public static Result pretrain(ReferenceConfig model, Config config, List<Resolution> mix, ImageSettings image,
      Path runDir, boolean showBar) throws java.io.IOException {
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
    shapes.put(COLOR_HEAD + ".weight", new int[] {PatchLabels.COLOR_CLASSES, width});
    shapes.put(COLOR_HEAD + ".bias", new int[] {PatchLabels.COLOR_CLASSES});
    shapes.put(SHAPE_HEAD + ".weight", new int[] {PatchLabels.SHAPE_CLASSES, width});
    shapes.put(SHAPE_HEAD + ".bias", new int[] {PatchLabels.SHAPE_CLASSES});
    Random init = new Random(config.seed());
    for (String head : List.of(COLOR_HEAD, SHAPE_HEAD)) {
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
    double colorSum = 0;
    double shapeSum = 0;
    double objectColorSum = 0;
    double objectShapeSum = 0;
    int tail = 0;
    int objectTail = 0;
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
        for (int i = 0; i < b; i++) {
          Sample s = generator.sample(DataSplit.TRAIN.seed((1L << 36) + cursor++));
          float[] p = preprocessor.preprocess(ImageInput.of(s.image())).pixels();
          System.arraycopy(p, 0, pixels, i * p.length, p.length);
          PatchLabels labels = PatchLabels.of(s.scene(), model.patchSize());
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
          collector.backward(loss);
          long[] colorPredicted = colorLogits.argMax(1).toLongArray();
          long[] shapePredicted = shapeLogits.argMax(1).toLongArray();
          accuracy = new double[] {loss.getFloat(), accuracy(colorPredicted, colors), accuracy(shapePredicted, kinds),
              accuracyOnObjects(colorPredicted, colors, kinds), accuracyOnObjects(shapePredicted, kinds, kinds)};
        }
        double lr = config.schedule().at((double) step / config.steps());
        adam.step(lr, 1.0);
        if (step >= config.steps() - config.steps() / 10) {
          colorSum += accuracy[1];
          shapeSum += accuracy[2];
          tail++;
          if (!Double.isNaN(accuracy[3])) {
            objectColorSum += accuracy[3];
            objectShapeSum += accuracy[4];
            objectTail++;
          }
        }
        progress.step(step + 1, step + 1, config.steps(), String.format(Locale.ROOT,
            "loss %.3f colour %.3f shape %.3f lr %.1e %dx%s", accuracy[0], accuracy[1], accuracy[2], lr, b, r));
      }
      Map<String, float[]> weights = new LinkedHashMap<>();
      params.toFloatArrays().forEach((name, v) -> {
        if (name.startsWith("vision.")) {
          weights.put(name, v);
        }
      });
      Result result = new Result(weights, colorSum / Math.max(1, tail), shapeSum / Math.max(1, tail),
          objectTail == 0 ? Double.NaN : objectColorSum / objectTail,
          objectTail == 0 ? Double.NaN : objectShapeSum / objectTail);
      Map<String, String> meta = new LinkedHashMap<>();
      meta.put("steps", Integer.toString(config.steps()));
      meta.put("images", Long.toString(cursor));
      meta.put("colorAccuracy", Double.toString(result.colorAccuracy()));
      meta.put("shapeAccuracy", Double.toString(result.shapeAccuracy()));
      meta.put("objectColorAccuracy", Double.toString(result.objectColorAccuracy()));
      meta.put("objectShapeAccuracy", Double.toString(result.objectShapeAccuracy()));
      Map<String, float[]> tensors = new LinkedHashMap<>();
      weights.forEach((name, v) -> tensors.put("w." + name, v));
      new Checkpoint(meta, tensors).write(file);
      progress.line(String.format(Locale.ROOT, "vision pretraining done: patch colour accuracy %.3f, shape %.3f;"
          + " on object patches colour %.3f, shape %.3f", result.colorAccuracy(), result.shapeAccuracy(),
          result.objectColorAccuracy(), result.objectShapeAccuracy()));
      return result;
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
        metaOrNaN(done, "objectShapeAccuracy"));
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
