package dev.specvlm.train.distill;

import static dev.specvlm.onnx.reference.WeightNames.LM_HEAD;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.specvlm.onnx.ModelManifest;
import dev.specvlm.onnx.reference.CompressorWeightNames;
import dev.specvlm.onnx.reference.ReferenceConfig;
import dev.specvlm.onnx.reference.ReferenceWeights;
import dev.specvlm.onnx.reference.TensorNames;
import dev.specvlm.train.export.DraftShape;
import dev.specvlm.train.export.ModelFolderExport;
import dev.specvlm.train.loop.TrainingProgress;
import dev.specvlm.train.nn.AdamW;
import dev.specvlm.train.nn.Checkpoint;
import dev.specvlm.train.nn.CompressorNet;
import dev.specvlm.train.nn.DraftNet;
import dev.specvlm.train.nn.OwnedArrays;
import dev.specvlm.train.nn.ParameterSet;
import dev.specvlm.train.vlm.InitialWeights;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Online-logit distillation of an EagleVLM draft head against a target model folder (SpecVLM §3.5): for every
 * conversation the target runs on the fly through ONNX Runtime (teacher forcing; post-norm features of every position,
 * logits of the answer positions; nothing stored), and the student — fusion FC over {@code [embedding, feature]} with
 * bias, input RMSNorm and one LLaMA decoder layer, over the target's frozen embeddings and LM head — learns
 * {@code 1.0 · SmoothL1(feature) + 0.1 · soft CE} on the answer positions with AdamW β (0.9, 0.95).
 *
 * <p>The teacher passes of the next conversations run on background threads ({@link DistillConfig#teacherWorkers()}
 * of them, results consumed in order) while the student trains on the current one.
 * The run keeps {@code distill.ckpt} (weights, optimizer, position in the epoch) in its folder and resumes from it;
 * after each epoch the draft is exported into {@code epoch-N/}, a complete model folder (the target's files linked,
 * the new {@code draft.onnx}), and the listener is told. Use once per run; not thread-safe.
 */
public final class OnlineDistiller {
  /** The checkpoint file inside a run folder. */
  public static final String CHECKPOINT = "distill.ckpt";

  private final Path targetFolder;
  private final OnnxTeacher teacher;
  private final DraftShape shape;
  private final DistillConfig config;
  private final @Nullable CompressorTraining compressor;

  /**
   * @param targetFolder the target's model folder (its files are linked into each epoch's folder)
   * @param teacher the target loaded from {@code targetFolder}
   * @param shape the draft layer's shape (H and V must be the target's)
   */
  public OnlineDistiller(Path targetFolder, OnnxTeacher teacher, DraftShape shape, DistillConfig config) {
    this(targetFolder, teacher, shape, config, null);
  }

  /**
   * A distiller that trains an elastic visual compressor jointly with the draft (SpecVLM): each epoch's folder then
   * keeps the target folder's own draft ({@code draft.onnx}, the EagleVLM draft) and adds the compressor with its
   * jointly trained draft ({@link CompressorTraining#draftFile()}).
   *
   * @param compressor how the compressor is trained, or null for a plain EagleVLM draft
   */
  public OnlineDistiller(Path targetFolder, OnnxTeacher teacher, DraftShape shape, DistillConfig config,
      @Nullable CompressorTraining compressor) {
    this.targetFolder = Objects.requireNonNull(targetFolder, "targetFolder");
    this.teacher = Objects.requireNonNull(teacher, "teacher");
    this.shape = Objects.requireNonNull(shape, "shape");
    this.config = Objects.requireNonNull(config, "config");
    this.compressor = compressor;
    if (compressor != null && teacher.manifest().tokens().image() == null) {
      throw new IllegalArgumentException("a visual compressor needs a vision-language target; " + targetFolder
          + " has no image token");
    }
    if (shape.hidden() != teacher.hidden() || shape.vocab() != teacher.vocab()) {
      throw new IllegalArgumentException("draft shape H=" + shape.hidden() + " V=" + shape.vocab()
          + " does not match the target's H=" + teacher.hidden() + " V=" + teacher.vocab() + " in " + targetFolder
          + "; a draft shares the target's width and LM head");
    }
  }

  /** Receives each finished epoch. */
  @FunctionalInterface
  public interface EpochListener {
    /**
     * @param epoch 1-based
     * @param modelFolder a complete model folder holding this epoch's draft
     */
    void epochDone(int epoch, Path modelFolder, EpochStats stats);
  }

  /**
   * Averages over one epoch.
   *
   * @param feature SmoothL1 feature loss
   * @param logit soft cross-entropy
   * @param agreement share of loss rows where the student's top-1 token is the teacher's
   * @param steps optimizer steps so far (whole run)
   * @param seconds training seconds so far (whole run, resumed runs included)
   * @param branches with a compressor: how often each branch (or {@code weighted<r>}) was trained this epoch; empty
   *     otherwise
   */
  public record EpochStats(double feature, double logit, double agreement, long steps, double seconds,
      Map<String, Integer> branches) {
    /** Copies. */
    public EpochStats {
      branches = Map.copyOf(branches);
    }
  }

  /**
   * The outcome of a run.
   *
   * @param draftWeights the trained draft weights ({@code draft.*}, and {@code compressor.*} with a compressor) by
   *     name
   * @param epochFolders the model folder of each epoch, in order
   */
  public record Result(Map<String, float[]> draftWeights, List<Path> epochFolders, long steps, double seconds) {}

  /**
   * Distils for {@link DistillConfig#epochs()} epochs over {@code data}, resuming from {@code runDir} if it holds a
   * checkpoint.
   *
   * @param showBar draw a console progress bar (the log file {@code runDir/distill.log} is always written)
   */
  public Result run(DistillationData data, Path runDir, boolean showBar, EpochListener listener) {
    try {
      Files.createDirectories(runDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create run folder " + runDir, e);
    }
    ReferenceConfig draftConfig = shape.referenceConfig();
    Map<String, int[]> shapes = new LinkedHashMap<>();
    ReferenceWeights.expectedShapes(draftConfig).forEach((name, dims) -> {
      if (name.startsWith("draft.") || name.equals(LM_HEAD)) {
        shapes.put(name, dims);
      }
    });
    CompressorStudent student = compressor == null ? null : new CompressorStudent(compressor, shape.hidden(),
        Objects.requireNonNull(teacher.manifest().tokens().image()), config.seed());
    if (student != null) {
      shapes.putAll(student.shapes());
    }
    Path checkpointFile = runDir.resolve(CHECKPOINT);
    Checkpoint resume = Files.exists(checkpointFile) ? Checkpoint.read(checkpointFile) : null;
    Map<String, float[]> initial = resume != null ? resume.withPrefix("w.")
        : InitialWeights.of(draftConfig, config.initStd(), config.seed(), name -> name.startsWith("draft."));
    if (resume == null && student != null) {
      initial.putAll(student.initial());
    }
    initial.put(LM_HEAD, teacher.lmHead());
    int size = data.size();
    long total = (long) config.epochs() * size;
    int epoch = resume == null ? 0 : Integer.parseInt(resume.meta("epoch"));
    int index = resume == null ? 0 : Integer.parseInt(resume.meta("index"));
    long steps = resume == null ? 0 : Long.parseLong(resume.meta("steps"));
    double seconds = resume == null ? 0 : Double.parseDouble(resume.meta("seconds"));
    List<Path> epochFolders = new ArrayList<>();
    for (int e = 1; e <= epoch; e++) {
      epochFolders.add(runDir.resolve("epoch-" + e));
    }
    ExecutorService teacherThread = Executors.newFixedThreadPool(config.teacherWorkers(), r -> {
      Thread t = new Thread(r, "specvlm-teacher");
      t.setDaemon(true);
      return t;
    });
    int prefetch = config.teacherWorkers() + 1;
    try (NDManager root = NDManager.newBaseManager();
        ParameterSet params = ParameterSet.create(root, shapes, initial, OnlineDistiller::trained);
        AdamW adam = new AdamW(params, 0.9, 0.95, 1e-8, config.weightDecay(), InitialWeights::decays);
        TrainingProgress progress = new TrainingProgress("distill", total, (long) epoch * size + index, "samples",
            runDir.resolve("distill.log"), config.logEvery(), showBar)) {
      if (resume != null) {
        adam.load(resume.withPrefix("adam."));
        progress.line("resumed at epoch " + (epoch + 1) + ", conversation " + index + ", step " + steps);
      } else {
        progress.line(String.format(Locale.ROOT, "distill: %d trainable draft parameters, %s, %d conversations per"
            + " epoch, %d epochs", params.trainableCount(), shape, size, config.epochs()));
      }
      DraftNet draft = new DraftNet(draftConfig, params);
      CompressorNet compressorNet = compressor == null ? null
          : new CompressorNet(params, shape.hidden(), compressor.resamplerHeads());
      long lastCheckpoint = System.nanoTime();
      while (epoch < config.epochs()) {
        int[] order = order(size, epoch);
        ArrayDeque<Future<TeacherPass>> pending = new ArrayDeque<>();
        int submitted = index;
        double[] sums = new double[3];
        Map<String, Integer> branches = new java.util.TreeMap<>();
        int counted = 0;
        int accumulated = 0;
        while (index < size) {
          while (submitted < size && pending.size() < prefetch) {
            Conversation c = data.get(order[submitted++]);
            pending.add(teacherThread.submit(() -> teacher.run(c)));
          }
          long t0 = System.nanoTime();
          TeacherPass pass = await(pending.poll());
          DraftInputs inputs = DraftInputs.of(pass, shape.hidden());
          if (inputs.lossRows().length > 0) {
            long conversation = (long) epoch * size + index;
            DistillationLoss.Parts parts = studentStep(root, draft, compressorNet, student, inputs, pass,
                conversation);
            if (parts.branch() != null) {
              branches.merge(parts.branch(), 1, Integer::sum);
            }
            sums[0] += parts.feature();
            sums[1] += parts.logit();
            sums[2] += parts.agreement();
            counted++;
            accumulated++;
          }
          index++;
          boolean epochEnd = index == size;
          double lr = 0;
          if (accumulated == config.batchSamples() || (epochEnd && accumulated > 0)) {
            lr = config.schedule().at((double) ((long) epoch * size + index) / total);
            adam.step(lr, config.maxGradNorm());
            accumulated = 0;
            steps++;
          }
          seconds += (System.nanoTime() - t0) / 1e9;
          long done = (long) epoch * size + index;
          if (lr > 0) {
            progress.step(steps, done, total, String.format(Locale.ROOT, "epoch %d feat %.4f ce %.3f top1 %.3f lr %.1e",
                epoch + 1, sums[0] / Math.max(1, counted), sums[1] / Math.max(1, counted),
                sums[2] / Math.max(1, counted), lr));
          }
          if (!epochEnd && accumulated == 0 && (System.nanoTime() - lastCheckpoint) / 60e9 >= config.checkpointMinutes()) {
            checkpoint(checkpointFile, params, adam, epoch, index, steps, seconds);
            lastCheckpoint = System.nanoTime();
          }
        }
        epoch++;
        index = 0;
        Path folder = exportEpoch(runDir.resolve("epoch-" + epoch), params);
        epochFolders.add(folder);
        checkpoint(checkpointFile, params, adam, epoch, 0, steps, seconds);
        lastCheckpoint = System.nanoTime();
        EpochStats stats = new EpochStats(sums[0] / Math.max(1, counted), sums[1] / Math.max(1, counted),
            sums[2] / Math.max(1, counted), steps, seconds, branches);
        progress.line(String.format(Locale.ROOT, "epoch %d done: feature %.4f, ce %.3f, top-1 agreement %.3f, %d steps,"
            + " %.0f s; draft in %s%s", epoch, stats.feature(), stats.logit(), stats.agreement(), steps, seconds, folder,
            branches.isEmpty() ? "" : "; compressor branches trained " + branches));
        listener.epochDone(epoch, folder, stats);
      }
      return new Result(draftWeights(params), epochFolders, steps, seconds);
    } finally {
      teacherThread.shutdownNow();
    }
  }

  /** Whether {@code name} is trained: the draft's and the compressor's weights (not the frozen LM head). */
  private static boolean trained(String name) {
    return name.startsWith("draft.") || name.startsWith(CompressorWeightNames.PREFIX);
  }

  /**
   * Forward, loss and backward of one conversation, scaled for accumulation over a batch; through the compressor
   * when there is one.
   */
  private DistillationLoss.Parts studentStep(NDManager root, DraftNet draft, @Nullable CompressorNet compressorNet,
      @Nullable CompressorStudent student, DraftInputs inputs, TeacherPass pass, long conversation) {
    try (NDManager step = root.newSubManager();
        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      DistillationLoss.Parts parts;
      if (student == null || compressorNet == null) {
        parts = DistillationLoss.compute(draft, step, inputs, pass, shape.hidden(), shape.vocab(),
            config.featureWeight(), config.logitWeight());
      } else {
        CompressorStudent.Compressed c = student.compress(compressorNet, step, inputs, pass, conversation);
        parts = DistillationLoss.compute(draft, step, c.next(), c.features(), c.lossRows(), inputs.targetPositions(),
            pass, shape.hidden(), shape.vocab(), config.featureWeight(), config.logitWeight()).withBranch(c.branch());
      }
      collector.backward(parts.loss().div(OwnedArrays.scalar(step, config.batchSamples())));
      return parts;
    }
  }

  /** Writes a complete model folder with the current draft: the target's files linked, a new draft.onnx. */
  private Path exportEpoch(Path folder, ParameterSet params) {
    try {
      Files.createDirectories(folder);
      try (var files = Files.list(targetFolder)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          String name = f.getFileName().toString();
          boolean ownDraft = compressor != null ? name.startsWith(compressor.draftFile())
              : name.startsWith(TensorNames.DRAFT_FILE);
          if (!Files.isRegularFile(f) || ownDraft || name.equals(ModelManifest.FILE_NAME)
              || compressor != null && name.startsWith("compressor-")) {
            continue;
          }
          Path link = folder.resolve(name);
          Files.deleteIfExists(link);
          try {
            Files.createLink(link, f);
          } catch (IOException | UnsupportedOperationException e) {
            Files.copy(f, link);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare epoch folder " + folder, e);
    }
    try {
      Files.copy(targetFolder.resolve(ModelManifest.FILE_NAME), folder.resolve(ModelManifest.FILE_NAME),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the manifest into " + folder, e);
    }
    if (compressor == null) {
      ModelFolderExport.writeDraft(folder, shape, draftWeights(params), teacher.lmHead(), config.export());
    } else {
      ModelManifest target = ModelManifest.read(folder);
      ModelFolderExport.writeManifest(folder, new ModelManifest(target.name(), target.sizes(), target.tokenizer(),
          target.embed(), target.decoder(), target.draft(), target.vision(), target.tokens(), target.chatTemplate(),
          null));
      compressor.exportTo(folder, shape, draftWeights(params), teacher.lmHead(), config.export());
    }
    return folder;
  }

  private static Map<String, float[]> draftWeights(ParameterSet params) {
    Map<String, float[]> out = new LinkedHashMap<>();
    params.toFloatArrays().forEach((name, v) -> {
      if (trained(name)) {
        out.put(name, v);
      }
    });
    return out;
  }

  /** The conversation order of epoch {@code epoch} (a seeded shuffle). */
  private int[] order(int size, int epoch) {
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Random random = new Random(config.seed() * 0x9E3779B97F4A7C15L + epoch);
    for (int i = size - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  private static TeacherPass await(Future<TeacherPass> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the teacher", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("teacher failed: " + e.getCause(), e.getCause());
    }
  }

  private static void checkpoint(Path file, ParameterSet params, AdamW adam, int epoch, int index, long steps,
      double seconds) {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("epoch", Integer.toString(epoch));
    meta.put("index", Integer.toString(index));
    meta.put("steps", Long.toString(steps));
    meta.put("seconds", Double.toString(seconds));
    Checkpoint.of(meta, params, adam, OnlineDistiller::trained).write(file);
  }
}
