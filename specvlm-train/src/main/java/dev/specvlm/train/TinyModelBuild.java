package dev.specvlm.train;

import com.google.gson.GsonBuilder;
import dev.specvlm.onnx.ModelManifest;
import dev.specvlm.onnx.graph.WeightStorage;
import dev.specvlm.onnx.reference.ReferenceConfig;
import dev.specvlm.onnx.reference.ReferenceWeights;
import dev.specvlm.onnx.reference.WriterOptions;
import dev.specvlm.train.data.ConversationFormat;
import dev.specvlm.train.data.DataSplit;
import dev.specvlm.train.data.GroundedWords;
import dev.specvlm.train.data.HeldOutPromptSet;
import dev.specvlm.train.data.Sample;
import dev.specvlm.train.data.SampleGenerator;
import dev.specvlm.train.data.Vocabulary;
import dev.specvlm.train.data.WordTokenizer;
import dev.specvlm.train.distill.DistillConfig;
import dev.specvlm.train.distill.OnlineDistiller;
import dev.specvlm.train.distill.OnnxTeacher;
import dev.specvlm.train.distill.SceneConversations;
import dev.specvlm.train.eval.AcceptanceBenchmark;
import dev.specvlm.train.eval.ScalingTable;
import dev.specvlm.train.eval.TargetEvaluation;
import dev.specvlm.train.export.DraftShape;
import dev.specvlm.train.export.ModelFolderExport;
import dev.specvlm.train.nn.Checkpoint;
import dev.specvlm.train.vlm.BatchEmphasis;
import dev.specvlm.train.vlm.InitialWeights;
import dev.specvlm.train.vlm.TargetBatches;
import dev.specvlm.train.vlm.TargetTrainer;
import dev.specvlm.train.vlm.TargetTrainingConfig;
import dev.specvlm.train.vlm.TinyVlm;
import dev.specvlm.train.vlm.VisionPretrainer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one command that rebuilds {@code models/specvlm-tiny} from scratch:
 * {@code TinyModelBuild RUN_DIR [stage…]} (all stages when none is named). Every stage keeps its state in the run
 * folder and resumes from it, so an interrupted build continues where it stopped when the same command runs again;
 * a finished stage is skipped.
 *
 * <ol>
 *   <li>{@code vision}: pretrain the vision encoder on per-patch colour and shape labels and an object-level shape
 *       label ({@code RUN_DIR/vision.ckpt}; see {@link VisionPretrainer});</li>
 *   <li>{@code target}: train the projector and decoder on top of the frozen encoder ({@code RUN_DIR/target.ckpt});</li>
 *   <li>{@code ground}: continue the target's training with a grounding emphasis — {@value #GROUND_TURNS}
 *       question–answer turns per image and {@value #GROUND_FACT_WEIGHT}× loss weight on the image-dictated words
 *       ({@link BatchEmphasis}) — from the {@code target} checkpoint with a fresh optimizer, on the run's vision
 *       encoder ({@code RUN_DIR/ground/target.ckpt});</li>
 *   <li>{@code export}: write the target (the {@code ground} checkpoint when there is one) as a model folder,
 *       float16 weights ({@code RUN_DIR/target-model});</li>
 *   <li>{@code evaluate}: image use and predictability of the target ({@code RUN_DIR/target-eval.json});</li>
 *   <li>{@code distill}: online distillation of the draft for {@value #EPOCHS} epochs, σ and speedup measured after
 *       each ({@code RUN_DIR/distill/}, {@code RUN_DIR/distill/scaling.csv});</li>
 *   <li>{@code bundle}: the last epoch's folder into {@code models/specvlm-tiny} (emptied first but for its
 *       {@code rebuild.sh}) with its model card, and the scaling table and plot into {@code docs/} (paths relative to
 *       the working directory, the repository root);</li>
 *   <li>{@code compressor}: the elastic visual compressor distilled jointly with a draft of its own for
 *       {@value #COMPRESSOR_EPOCHS} epochs ({@code RUN_DIR/compressor/}), added to {@code models/specvlm-tiny}
 *       ({@code draft.onnx}, the EagleVLM draft, stays) and described in its model card;</li>
 *   <li>{@code prompts}: the held-out prompt folder {@code models/specvlm-tiny/heldout} ({@value #HELDOUT_PROMPTS}
 *       scenes at 64, 256 and 1024 visual tokens) that the command line's {@code verify} and {@code bench} use, and
 *       the whole folder's size in the model card.</li>
 * </ol>
 *
 * <p>System properties: {@code specvlm.targetPositions} (default 2 M), {@code specvlm.distillSamples} (an epoch,
 * default {@value #EPOCH_SAMPLES}), {@code specvlm.benchPrompts} (held-out prompts per measurement, default
 * {@value #BENCH_PROMPTS}), {@code specvlm.evalSamples} (held-out answers per scored question type, default
 * {@value #EVAL_SAMPLES}),
 * {@code specvlm.groundPositions} (default 4 M), {@code specvlm.maxSeconds} (stop the target or ground stage after
 * this long, resumable), {@code specvlm.visionSteps} (default 3000), {@code specvlm.visionStart} (a
 * {@code vision.ckpt} to continue pretraining from instead of a fresh encoder), {@code specvlm.groundStart} (a target
 * checkpoint for {@code ground} to start from instead of {@code RUN_DIR/target.ckpt}; its encoder is replaced by the
 * run's; for experiments that continue an earlier run). The run folder records its vocabulary
 * ({@value #VOCABULARY_FILE}) when it starts, and every stage uses that one.
 */
public final class TinyModelBuild {
  /** Distillation epochs of the bundled draft (the paper's scaling study goes to 5). */
  public static final int EPOCHS = 5;
  /** Joint distillation epochs of the compressor and its draft: as many as the EagleVLM draft had (a fair comparison). */
  public static final int COMPRESSOR_EPOCHS = EPOCHS;
  /** Held-out prompts in the bundled prompt folder. */
  public static final int HELDOUT_PROMPTS = 30;
  /** Conversations per distillation epoch. */
  public static final int EPOCH_SAMPLES = 2000;
  /** Held-out prompts per σ measurement. */
  public static final int BENCH_PROMPTS = 30;
  /**
   * Held-out answers per scored question type in {@code evaluate}: 200, since 60 left colour accuracy and its chance
   * within one standard error of each other on a model that 200 showed at twice chance.
   */
  public static final int EVAL_SAMPLES = 200;
  /** The first held-out sample index of the σ prompts (the target evaluation uses the first ones). */
  public static final long BENCH_OFFSET = 100_000;
  /** Question–answer turns per image in the {@code ground} stage. */
  public static final int GROUND_TURNS = 4;
  /** Loss weight of image-dictated words in the {@code ground} stage. */
  public static final float GROUND_FACT_WEIGHT = 4f;
  /** The folder of the {@code ground} stage's checkpoint inside a run folder. */
  static final String GROUND_FOLDER = "ground";
  /** The model's name in its manifest. */
  public static final String NAME = "specvlm-tiny";

  /** The vocabulary file of a run folder: one piece per line, in id order. */
  public static final String VOCABULARY_FILE = "vocabulary.txt";

  private final Path run;
  private final Vocabulary vocabulary;
  private final ReferenceConfig config;

  private TinyModelBuild(Path run) throws IOException {
    this.run = run;
    this.vocabulary = runVocabulary(run);
    this.config = TinyVlm.config(vocabulary.size());
  }

  /**
   * The vocabulary a run trains with: read from the run folder, or (at the start of a run) the bundled vocabulary,
   * recorded there. A run keeps its vocabulary even if the grammar and its vocabulary change in the code meanwhile,
   * so the exported {@code tokenizer.json} always matches the trained embeddings.
   */
  static Vocabulary runVocabulary(Path run) throws IOException {
    Path file = run.resolve(VOCABULARY_FILE);
    if (Files.exists(file)) {
      return Vocabulary.of(Files.readAllLines(file, StandardCharsets.UTF_8));
    }
    Vocabulary v = Vocabulary.bundled();
    Files.createDirectories(run);
    Files.write(file, v.tokens(), StandardCharsets.UTF_8);
    return v;
  }

  /**
   * Runs the build.
   *
   * @param args the run folder, then the stages to run
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: TinyModelBuild RUN_DIR [vision] [target] [ground] [export] [evaluate] [distill]"
          + " [bundle] [compressor] [prompts]");
      System.exit(2);
    }
    List<String> stages = args.length > 1 ? List.of(args).subList(1, args.length)
        : List.of("vision", "target", "ground", "export", "evaluate", "distill", "bundle", "compressor", "prompts");
    TinyModelBuild build = new TinyModelBuild(Path.of(args[0]));
    for (String stage : stages) {
      switch (stage) {
        case "vision" -> build.vision();
        case "target" -> build.target();
        case "ground" -> build.ground();
        case "export" -> build.export();
        case "evaluate" -> build.evaluate();
        case "distill" -> build.distill();
        case "bundle" -> ModelCard.bundle(build.run, build.targetFolder(), build.distillFolder(), Path.of("."),
            build.config);
        case "compressor" -> build.compressor(Path.of("."));
        case "prompts" -> {
          HeldOutPromptSet.write(bundledModel(Path.of(".")).resolve("heldout"), HELDOUT_PROMPTS,
              HeldOutPromptSet.DEFAULT_RESOLUTIONS, 0);
          ModelCard.recordFolderSize(bundledModel(Path.of(".")));
        }
        default -> throw new IllegalArgumentException("unknown stage '" + stage
            + "'; stages are vision, target, ground, export, evaluate, distill, bundle, compressor, prompts");
      }
    }
  }

  /** {@code models/specvlm-tiny} under the repository root {@code repo}. */
  static Path bundledModel(Path repo) {
    return repo.resolve("models").resolve(NAME);
  }

  /** Adds the jointly distilled compressor and its draft to the bundled model, once. */
  private void compressor(Path repo) throws IOException {
    Path model = bundledModel(repo);
    Path card = model.resolve("MODEL_CARD.md");
    if (ModelManifest.read(model).compressor() != null && Files.readString(card).contains(ModelCard.COMPRESSOR)) {
      System.out.println("the bundled model already has its compressor");
      return;
    }
    int samples = Integer.getInteger("specvlm.distillSamples", EPOCH_SAMPLES);
    long start = System.nanoTime();
    DistillCommand.distill(model, run.resolve("compressor"), COMPRESSOR_EPOCHS, samples,
        shape -> DraftShape.of(config), true, true);
    ModelCard.appendCompressor(card, ModelManifest.read(model), COMPRESSOR_EPOCHS, samples,
        (System.nanoTime() - start) / 1e9);
  }

  Path targetFolder() {
    return run.resolve("target-model");
  }

  Path distillFolder() {
    return run.resolve("distill");
  }

  private VisionPretrainer.Result vision() throws IOException {
    VisionPretrainer.Config recipe = VisionPretrainer.Config.bundled();
    String start = System.getProperty("specvlm.visionStart");
    VisionPretrainer.Result r = VisionPretrainer.pretrain(config,
        recipe.withSteps(Integer.getInteger("specvlm.visionSteps", recipe.steps())), TinyVlm.resolutionMix(),
        TinyVlm.imageSettings(TinyVlm.PATCH, TinyVlm.MAX_SIDE), run, true,
        start == null ? Map.of() : VisionPretrainer.result(Checkpoint.read(Path.of(start))).weights());
    System.out.printf("vision encoder: patch colour accuracy %.3f, shape accuracy %.3f; on object patches %.3f and"
        + " %.3f; object-level shape %.3f%n", r.colorAccuracy(), r.shapeAccuracy(), r.objectColorAccuracy(),
        r.objectShapeAccuracy(), r.objectLevelShapeAccuracy());
    return r;
  }

  private void target() throws IOException {
    // the decoder and projector train on top of the pretrained, frozen vision encoder (as LLaVA on CLIP)
    trainDecoder("target", TargetTrainingConfig.bundled(), "specvlm.targetPositions", BatchEmphasis.none(),
        vision().weights(), run);
  }

  private void ground() throws IOException {
    BatchEmphasis emphasis = new BatchEmphasis(GROUND_TURNS, GROUND_FACT_WEIGHT,
        GroundedWords.tokenIds(WordTokenizer.of(vocabulary)));
    String start = System.getProperty("specvlm.groundStart");
    Map<String, float[]> initial = new LinkedHashMap<>(Checkpoint.read(
        start == null ? run.resolve(TargetTrainer.CHECKPOINT) : Path.of(start)).withPrefix("w."));
    initial.putAll(vision().weights()); // the same unless the target was trained on an earlier encoder
    trainDecoder("ground", TargetTrainingConfig.grounding(), "specvlm.groundPositions", emphasis, initial,
        groundFolder());
  }

  /**
   * Trains projector and decoder (the vision encoder stays frozen) from {@code initial} weights with checkpoints in
   * {@code folder}, resuming from there; exits with status 3 when stopped early ({@code specvlm.maxSeconds}).
   */
  private void trainDecoder(String stage, TargetTrainingConfig recipe, String positionsProperty,
      BatchEmphasis emphasis, Map<String, float[]> initial, Path folder) throws IOException {
    TargetTrainingConfig training = recipe.withMaxSeconds(Long.getLong("specvlm.maxSeconds", 0))
        .withTotalPositions(Long.getLong(positionsProperty, recipe.totalPositions()));
    TargetBatches batches = new TargetBatches(TinyVlm.resolutionMix(),
        ConversationFormat.of(WordTokenizer.of(vocabulary), TinyVlm.PATCH),
        TinyVlm.imageSettings(TinyVlm.PATCH, TinyVlm.MAX_SIDE), training.positionBudget(), training.seed(), emphasis);
    TargetTrainer.Result result = new TargetTrainer(config, training, batches, folder, true, initial,
        name -> !name.startsWith("vision.")).train();
    String loss = Double.isNaN(result.lastLoss()) ? "(read back, no step run now)"
        : String.format(Locale.ROOT, "loss %.3f", result.lastLoss());
    System.out.printf("%s: %s after %d steps, %d positions, %s%n", stage,
        result.finished() ? "finished" : "stopped (run again to resume)", result.steps(), result.positions(), loss);
    if (!result.finished()) {
      System.exit(3);
    }
  }

  private Path groundFolder() {
    return run.resolve(GROUND_FOLDER);
  }

  private void export() {
    Path grounded = groundFolder().resolve(TargetTrainer.CHECKPOINT);
    Checkpoint checkpoint = Checkpoint.read(Files.exists(grounded) ? grounded
        : run.resolve(TargetTrainer.CHECKPOINT));
    Map<String, float[]> weights = new LinkedHashMap<>(checkpoint.withPrefix("w."));
    // a random draft head until the distill stage replaces it
    weights.putAll(InitialWeights.of(config, 0.02, 1, name -> name.startsWith("draft.")));
    ModelFolderExport.writeReferenceModel(targetFolder(), NAME, ReferenceWeights.of(config, weights), vocabulary,
        TinyVlm.imageSettings(TinyVlm.PATCH, TinyVlm.MAX_SIDE), exportOptions());
    System.out.println("exported the target to " + targetFolder());
  }

  private void evaluate() throws IOException {
    int samples = Integer.getInteger("specvlm.evalSamples", EVAL_SAMPLES);
    TargetEvaluation.Report report = TargetEvaluation.run(targetFolder(), TinyVlm.resolutionMix(), samples, samples,
        96);
    Files.writeString(run.resolve("target-eval.json"),
        new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(report));
    System.out.println("target evaluation: " + report.accuracies() + ", mean top-1 probability "
        + report.meanTop1Probability());
  }

  private void distill() {
    int samples = Integer.getInteger("specvlm.distillSamples", EPOCH_SAMPLES);
    DistillConfig distillConfig = DistillConfig.defaults(EPOCHS);
    SceneConversations data = new SceneConversations(TinyVlm.resolutionMix(), DataSplit.TRAIN, 0, samples);
    List<Sample> prompts = benchPrompts(Integer.getInteger("specvlm.benchPrompts", BENCH_PROMPTS));
    Path csv = distillFolder().resolve("scaling.csv");
    try (OnnxTeacher teacher = OnnxTeacher.load(targetFolder(), distillConfig.teacherThreads())) {
      new OnlineDistiller(targetFolder(), teacher, DraftShape.of(config), distillConfig).run(data, distillFolder(),
          true, (epoch, folder, stats) -> {
            List<AcceptanceBenchmark.Row> rows = AcceptanceBenchmark.run(folder, prompts,
                AcceptanceBenchmark.Settings.paper(), 0.0, 1.0);
            ScalingTable.append(csv, new ScalingTable.Row(epoch, (long) epoch * samples, stats.seconds(),
                stats.feature(), stats.logit(), stats.agreement(), rows.get(0), rows.get(1)));
            System.out.println("epoch " + epoch + ": " + rows);
          });
    }
  }

  /** The held-out prompts σ is measured on (the training mix of resolutions). */
  static List<Sample> benchPrompts(int n) {
    SampleGenerator generator = SampleGenerator.of(TinyVlm.resolutionMix());
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(generator.sample(DataSplit.HELD_OUT.seed(BENCH_OFFSET + i)));
    }
    return out;
  }

  static WriterOptions exportOptions() {
    return WriterOptions.defaults().withWeightStorage(WeightStorage.FLOAT16);
  }
}
