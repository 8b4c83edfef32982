package dev.specvlm.train.vlm;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.specvlm.onnx.reference.ReferenceConfig;
import dev.specvlm.onnx.reference.ReferenceWeights;
import dev.specvlm.train.loop.TrainingProgress;
import dev.specvlm.train.nn.AdamW;
import dev.specvlm.train.nn.Checkpoint;
import dev.specvlm.train.nn.OwnedArrays;
import dev.specvlm.train.nn.ParameterSet;
import dev.specvlm.train.nn.TargetNet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Trains the target VLM (vision encoder, projector, decoder, all from scratch) with next-token cross-entropy on the
 * answer tokens, AdamW and a warm-up/cosine schedule over positions, checkpointing to {@code runDir/target.ckpt}
 * every few minutes and resuming from it when present (same batches, same optimizer state).
 *
 * <p>Use once per run; not thread-safe.
 */
public final class TargetTrainer {
  /** The checkpoint file inside a run folder. */
  public static final String CHECKPOINT = "target.ckpt";

  private long stepsPerProcess;
  private final ReferenceConfig model;
  private final TargetTrainingConfig config;
  private final TargetBatches batches;
  private final Path runDir;
  private final boolean showBar;
  private final Map<String, float[]> initialOverrides;
  private final java.util.function.Predicate<String> trainable;

  /**
   * @param model the architecture
   * @param batches where batches come from
   * @param runDir checkpoints and {@code target.log} go here (created if missing)
   * @param showBar draw a console progress bar
   */
  public TargetTrainer(ReferenceConfig model, TargetTrainingConfig config, TargetBatches batches, Path runDir,
      boolean showBar) {
    this(model, config, batches, runDir, showBar, Map.of(), name -> true);
  }

  /**
   * A trainer that starts some weights from given values (e.g. a pretrained vision encoder) and trains only the
   * names {@code trainable} accepts (the others stay as initialised).
   *
   * @param initialOverrides initial values that replace the random ones, by name (ignored when resuming)
   */
  public TargetTrainer(ReferenceConfig model, TargetTrainingConfig config, TargetBatches batches, Path runDir,
      boolean showBar, Map<String, float[]> initialOverrides, java.util.function.Predicate<String> trainable) {
    this.initialOverrides = Map.copyOf(initialOverrides);
    this.trainable = trainable;
    this.model = Objects.requireNonNull(model, "model");
    this.config = Objects.requireNonNull(config, "config");
    this.batches = Objects.requireNonNull(batches, "batches");
    this.runDir = Objects.requireNonNull(runDir, "runDir");
    this.showBar = showBar;
  }

  /** The outcome of {@link #train()}. */
  public record Result(Map<String, float[]> weights, boolean finished, long steps, long positions,
      double firstLoss, double lastLoss, double seconds) {}

  /**
   * Stops (with a checkpoint, as {@code maxSeconds} does) after {@code steps} steps in this call: a deterministic
   * interruption for tests of the resume path.
   */
  TargetTrainer stopAfterSteps(long steps) {
    this.stepsPerProcess = steps;
    return this;
  }

  /**
   * Trains until the position total (or this process's time limit) is reached, resuming from a checkpoint in the run
   * folder if there is one.
   *
   * @return the target weights by name (vision and decoder names of {@link ReferenceWeights#expectedShapes}), and
   *     whether the run reached its total
   */
  public Result train() throws java.io.IOException {
    Files.createDirectories(runDir);
    Path checkpointFile = runDir.resolve(CHECKPOINT);
    Map<String, int[]> shapes = new LinkedHashMap<>();
    ReferenceWeights.expectedShapes(model).forEach((name, shape) -> {
      if (InitialWeights.isTarget(name)) {
        shapes.put(name, shape);
      }
    });
    long step = 0;
    long cursor = 0;
    long positions = 0;
    double seconds = 0;
    Checkpoint resume = Files.exists(checkpointFile) ? Checkpoint.read(checkpointFile) : null;
    Map<String, float[]> initial = resume != null ? resume.withPrefix("w.")
        : InitialWeights.of(model, config.initStd(), config.seed(), InitialWeights::isTarget);
    if (resume == null) {
      initial.putAll(initialOverrides);
    }
    try (NDManager root = NDManager.newBaseManager();
        ParameterSet params = ParameterSet.create(root, shapes, initial, trainable);
        AdamW adam = new AdamW(params, 0.9, 0.95, 1e-8, config.weightDecay(), InitialWeights::decays);
        TrainingProgress progress = new TrainingProgress("target", config.totalPositions(),
            resume == null ? 0 : Long.parseLong(resume.meta("positions")), "pos", runDir.resolve("target.log"),
            config.logEvery(), showBar)) {
      if (resume != null) {
        adam.load(resume.withPrefix("adam."));
        step = Long.parseLong(resume.meta("step"));
        cursor = Long.parseLong(resume.meta("cursor"));
        positions = Long.parseLong(resume.meta("positions"));
        seconds = Double.parseDouble(resume.meta("seconds"));
        progress.line("resumed at step " + step + ", " + positions + " positions");
      } else {
        progress.line(String.format(Locale.ROOT, "target: %d trainable parameters, %s", params.trainableCount(),
            model));
      }
      TargetNet net = new TargetNet(model, params);
      long processStart = System.nanoTime();
      long firstStep = step;
      long lastCheckpoint = System.nanoTime();
      double lossEma = Double.NaN;
      double firstLoss = Double.NaN;
      double lastLoss = Double.NaN;
      while (positions < config.totalPositions()) {
        long t0 = System.nanoTime();
        TargetBatch batch = batches.batch(step, cursor);
        double lr = config.schedule().at((double) positions / config.totalPositions());
        double[] lossAndAccuracy = trainStep(root, net, params, batch);
        double gradNorm = adam.step(lr, config.maxGradNorm());
        step++;
        cursor += batch.samples();
        positions += batch.positions();
        seconds += (System.nanoTime() - t0) / 1e9;
        lastLoss = lossAndAccuracy[0];
        firstLoss = Double.isNaN(firstLoss) ? lastLoss : firstLoss;
        lossEma = Double.isNaN(lossEma) ? lastLoss : 0.95 * lossEma + 0.05 * lastLoss;
        progress.step(step, positions, config.totalPositions(), String.format(Locale.ROOT,
            "loss %.3f (avg %.3f) acc %.2f |g| %.2f lr %.1e  %dx%s", lastLoss, lossEma, lossAndAccuracy[1],
            gradNorm, lr, batch.size(), batch.width() + "x" + batch.height()));
        boolean timeUp = config.maxSeconds() > 0
            && (System.nanoTime() - processStart) / 1e9 >= config.maxSeconds()
            || stepsPerProcess > 0 && step - firstStep >= stepsPerProcess;
        if (positions >= config.totalPositions() || timeUp
            || (System.nanoTime() - lastCheckpoint) / 60e9 >= config.checkpointMinutes()) {
          checkpoint(checkpointFile, params, adam, step, cursor, positions, seconds);
          lastCheckpoint = System.nanoTime();
          progress.line(String.format(Locale.ROOT, "checkpoint at step %d (%d positions, %.0f s of training)",
              step, positions, seconds));
        }
        if (timeUp) {
          break;
        }
      }
      return new Result(params.toFloatArrays(), positions >= config.totalPositions(), step, positions, firstLoss,
          lastLoss, seconds);
    }
  }

  /** Forward, loss and backward of one batch; returns {loss, token accuracy}. Gradients accumulate in params. */
  static double[] trainStep(NDManager root, TargetNet net, ParameterSet params, TargetBatch batch) {
    ReferenceConfig c = net.config();
    try (NDManager step = root.newSubManager()) {
      NDArray pixels = step.create(batch.pixels(), new Shape(batch.size(), 3, batch.height(), batch.width()));
      NDArray ids = step.create(batch.ids(), new Shape(batch.size(), batch.length()));
      NDArray rows = OwnedArrays.owned(step.create(batch.lossRows())); // kept by autograd for the gather
      NDArray targets = step.create(batch.lossTargets());
      float[] w = batch.lossWeights();
      double weightSum = 0;
      for (float x : w) {
        weightSum += x;
      }
      NDArray weights = OwnedArrays.owned(step.create(w, new Shape(w.length, 1))); // kept by autograd for the mul
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray logits = logitsAtLossRows(net, pixels, ids, rows, batch);
        NDArray logProbs = logits.logSoftmax(1);
        // the weighted mean of the target tokens' negative log-probabilities (the plain mean when all weigh 1)
        NDArray loss = logProbs.mul(targets.oneHot(c.vocabSize(), DataType.FLOAT32)).mul(weights).sum().neg()
            .div(OwnedArrays.scalar(step, weightSum));
        collector.backward(loss);
        NDArray correct = logits.argMax(1).eq(targets).toType(DataType.FLOAT32, false).mean();
        return new double[] {loss.getFloat(), correct.getFloat()};
      }
    }
  }

  /** Logits {@code [M, V]} at the loss rows of a batch (vision, merge into the image slots, decoder, LM head). */
  static NDArray logitsAtLossRows(TargetNet net, NDArray pixels, NDArray ids, NDArray rows, TargetBatch batch) {
    NDArray visual = net.vision(pixels); // [B, N, H]
    NDArray text = net.embed(ids); // [B, T, H]
    int s = batch.imageStart();
    int e = s + batch.imageLength();
    NDArray merged = text.get(new NDIndex(":, :{}", s)).concat(visual, 1).concat(text.get(new NDIndex(":, {}:", e)),
        1);
    NDArray features = net.features(merged).reshape((long) batch.size() * batch.length(), net.config().hiddenSize());
    return net.logits(features.get(rows));
  }

  private static void checkpoint(Path file, ParameterSet params, AdamW adam, long step, long cursor, long positions,
      double seconds) {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("step", Long.toString(step));
    meta.put("cursor", Long.toString(cursor));
    meta.put("positions", Long.toString(positions));
    meta.put("seconds", Double.toString(seconds));
    Checkpoint.of(meta, params, adam, name -> true).write(file);
  }
}
