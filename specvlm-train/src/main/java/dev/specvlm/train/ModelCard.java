package dev.specvlm.train;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.specvlm.TreeBudget;
import dev.specvlm.onnx.ModelManifest;
import dev.specvlm.onnx.reference.ReferenceConfig;
import dev.specvlm.onnx.reference.ReferenceWeights;
import dev.specvlm.train.distill.OnlineDistiller;
import dev.specvlm.train.eval.AcceptanceBenchmark;
import dev.specvlm.train.eval.ScalingTable;
import dev.specvlm.train.export.ModelFolderExport;
import dev.specvlm.train.nn.Checkpoint;
import dev.specvlm.train.vlm.TargetTrainer;
import dev.specvlm.train.vlm.TargetTrainingConfig;
import dev.specvlm.train.vlm.VisionPretrainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The {@code bundle} stage of {@link TinyModelBuild}: copies the last distillation epoch's model folder into
 * {@code models/specvlm-tiny}, measures the bundled draft once more with a CPU-sized tree, and writes the model card
 * and the scaling note ({@code docs/training-scaling.md} and its PNG plot) from the run's recorded numbers.
 */
final class ModelCard {
  /** The heading of the model card's compressor section. */
  static final String COMPRESSOR = "## Elastic visual compressor";
  /** The committed script in the bundled folder that rebuilds it; the bundle stage keeps it. */
  static final String REBUILD_SCRIPT = "rebuild.sh";
  private static final String FOLDER_SIZE = "whole folder, held-out prompts included, is ";
  private static final Pattern FOLDER_SIZE_CLAUSE = Pattern.compile(" \\(the " + FOLDER_SIZE + "[0-9.]+ MB\\)");
  private static final Pattern FOLDER_SIZE_LINE = Pattern.compile("\n\nThe " + FOLDER_SIZE + "[0-9.]+ MB\\.\n$");
  private static final Pattern COMPRESSOR_SIZE = Pattern.compile("The compressor files add [0-9.]+ MB");

  private ModelCard() {}

  private static long compressorBytes(Path model, ModelManifest.Compressor c) throws IOException {
    long bytes = c.draft() == null ? 0 : Files.size(model.resolve(c.draft().file()));
    for (ModelManifest.Branch b : c.branches()) {
      bytes += b.file() == null ? 0 : Files.size(model.resolve(b.file()));
    }
    for (String gate : new String[] {c.gate(), c.weighted() == null ? null : c.weighted().gate()}) {
      bytes += gate == null ? 0 : Files.size(model.resolve(gate));
    }
    return bytes;
  }

  /** Appends the compressor section ({@link #COMPRESSOR}) after the {@code compressor} stage wrote it. */
  static void appendCompressor(Path card, ModelManifest manifest, int epochs, int samples, double seconds)
      throws IOException {
    ModelManifest.Compressor c = Objects.requireNonNull(manifest.compressor(), "compressor");
    StringBuilder branches = new StringBuilder();
    for (ModelManifest.Branch b : c.branches()) {
      branches.append(branches.length() == 0 ? "" : ", ").append('`').append(b.branch()).append('`')
          .append(b.file() == null ? " (no weights)" : " (`" + b.file() + "`)");
    }
    String section = "\n" + COMPRESSOR + "\n\n"
        + "The draft side can compress the visual span before its fusion layer (SpecVLM); the target always sees "
        + "every visual token, so outputs do not change. Branches: " + branches + ". "
        + (c.gate() != null ? "A gate (`" + c.gate() + "`) picks one branch per request from the target's features of "
        + "the question. " : "")
        + (c.weighted() != null ? "Weighted mode mixes prune, pool and conv of ratio " + c.weighted().ratio()
        + " (`" + c.weighted().gate() + "`). " : "")
        + (c.draft() != null ? "The compressor has a draft of its own (`" + c.draft().file() + "`), trained on the "
        + "compressed inputs; `draft.onnx` stays the EagleVLM draft for uncompressed requests. " : "")
        + String.format(Locale.ROOT, "Trained jointly by online distillation against the frozen target: %d "
        + "epochs of %d conversations, %.0f minutes on the 2-core build machine (`TinyModelBuild … compressor`). "
        + "The compressor files add %.1f MB. Measurements per resolution and branch: `docs/compressor.md`.%n",
        epochs, samples, seconds / 60, compressorBytes(card.getParent(), c) / 1e6);
    Files.writeString(card, Files.readString(card) + section);
  }

  static void bundle(Path run, Path targetFolder, Path distillFolder, Path repo, ReferenceConfig config)
      throws IOException {
    List<double[]> scaling = ScalingTable.read(distillFolder.resolve("scaling.csv"));
    int lastEpoch = (int) scaling.get(scaling.size() - 1)[0];
    Path model = TinyModelBuild.bundledModel(repo);
    clearBuildOutputs(model);
    ModelFolderExport.copyFolder(distillFolder.resolve("epoch-" + lastEpoch), model);
    List<AcceptanceBenchmark.Row> cpu = AcceptanceBenchmark.run(model,
        TinyModelBuild.benchPrompts(TinyModelBuild.BENCH_PROMPTS),
        new AcceptanceBenchmark.Settings(TreeBudget.of(4, 8, 4), 96, 2, 1234), 0.0, 1.0);

    Path docs = repo.resolve("docs");
    Files.createDirectories(docs);
    ScalingTable.plot(scaling, docs.resolve("training-scaling.png"),
        "specvlm-tiny: draft σ and speedup vs. distillation epochs");
    String trend0 = ScalingTable.trend(scaling, ScalingTable.SIGMA_T0);
    String trend1 = ScalingTable.trend(scaling, ScalingTable.SIGMA_T1);
    Files.writeString(docs.resolve("training-scaling.md"), scalingNote(scaling, trend0, trend1));

    JsonObject eval = new Gson().fromJson(Files.readString(run.resolve("target-eval.json")), JsonObject.class);
    Checkpoint target = Checkpoint.read(run.resolve(TargetTrainer.CHECKPOINT));
    Path groundFile = run.resolve(TinyModelBuild.GROUND_FOLDER).resolve(TargetTrainer.CHECKPOINT);
    @Nullable Checkpoint ground = Files.exists(groundFile) ? Checkpoint.read(groundFile) : null;
    Checkpoint vision = Checkpoint.read(run.resolve(VisionPretrainer.CHECKPOINT));
    Checkpoint distill = Checkpoint.read(distillFolder.resolve(OnlineDistiller.CHECKPOINT));
    Files.writeString(model.resolve("MODEL_CARD.md"),
        card(config, model, scaling, cpu, eval, vision, target, ground, distill, trend0, trend1));
    System.out.println("bundled " + model.toAbsolutePath().normalize());
  }

  /**
   * Records in the card the size of the whole bundled folder, held-out prompts included, after the {@code prompts}
   * stage wrote them: in the compressor section's size sentence when there is one, else as a closing line; running
   * it again updates the number.
   */
  static void recordFolderSize(Path model) throws IOException {
    Path card = model.resolve("MODEL_CARD.md");
    long bytes;
    try (var walk = Files.walk(model)) {
      bytes = walk.filter(Files::isRegularFile).mapToLong(ModelCard::size).sum();
    }
    String size = String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    String text = FOLDER_SIZE_CLAUSE.matcher(Files.readString(card)).replaceAll("");
    text = FOLDER_SIZE_LINE.matcher(text).replaceAll("\n");
    Matcher sentence = COMPRESSOR_SIZE.matcher(text);
    text = sentence.find()
        ? text.substring(0, sentence.end()) + " (the " + FOLDER_SIZE + size + ")" + text.substring(sentence.end())
        : text + "\nThe " + FOLDER_SIZE + size + ".\n";
    Files.writeString(card, text);
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the size of " + file, e);
    }
  }

  /**
   * Empties the bundled folder but for its committed {@code rebuild.sh}, so that nothing of an earlier model (its
   * compressor files, its held-out prompts) survives into the new one; the later stages write them again.
   */
  static void clearBuildOutputs(Path model) throws IOException {
    if (!Files.isDirectory(model)) {
      return;
    }
    try (var entries = Files.list(model)) {
      for (Path p : entries.toList()) {
        if (!p.getFileName().toString().equals(REBUILD_SCRIPT)) {
          MoreFiles.deleteRecursively(p, RecursiveDeleteOption.ALLOW_INSECURE);
        }
      }
    }
  }

  private static String scalingNote(List<double[]> rows, String trend0, String trend1) {
    double[] first = rows.get(0);
    return "# Training-time scaling of the draft (specvlm-tiny)\n\n"
        + "SpecVLM (Table 7) reports that the mean accepted length σ grows monotonically with distillation epochs. "
        + "This repeats the study on the bundled tiny VLM: one online-distillation run of the draft against the "
        + "frozen target, " + (long) (first[1] / first[0]) + " procedural conversations per epoch (the same "
        + "conversations each epoch, reshuffled), measured after every epoch on "
        + (int) first[ScalingTable.PROMPTS] + " held-out scenes with the EAGLE-2 dynamic tree at the paper's budget "
        + "(K = 10, T = 60, D = 7), answers up to 96 tokens, ONNX Runtime on 2 CPU threads. Speedup is the AR "
        + "wall time over the speculative wall time of the same prompts, end to end (vision and prefill included). "
        + "At temperature 1 the coupled verification sampler is used (same seed, same output as AR).\n\n"
        + ScalingTable.markdown(rows) + "\n![σ and speedup per epoch](training-scaling.png)\n\n"
        + "**σ " + trend0 + " at temperature 0, and " + trend1 + " at temperature 1** over these "
        + rows.size() + " epochs. The learning rate follows one cosine schedule over all epochs, so later epochs "
        + "also train at lower rates. On this CPU a 60-token tree costs several single-token forwards, so the "
        + "speedup at the paper's budget is far below σ; the model card also reports a CPU-sized tree.\n\n"
        + "Rebuild: `models/specvlm-tiny/rebuild.sh` (the `distill` stage writes `scaling.csv`).\n";
  }

  private static String card(ReferenceConfig c, Path model, List<double[]> scaling,
      List<AcceptanceBenchmark.Row> cpu, JsonObject eval, Checkpoint vision, Checkpoint target,
      @Nullable Checkpoint ground, Checkpoint distill, String trend0, String trend1) throws IOException {
    double groundSeconds = ground == null ? 0 : Double.parseDouble(ground.meta("seconds"));
    String groundLine = ground == null ? "" : String.format(Locale.ROOT, "- Grounding continuation (stage `ground`, "
        + "`BatchEmphasis`): %d steps, %d positions, %.1f h, from the target above with a fresh AdamW (peak %.0e, "
        + "warm-up and cosine decay): %d question–answer turns per image, so that more of the positions trained on "
        + "are answer tokens, and %.0f× loss weight on the words only the image can tell (colours, shapes, counts, "
        + "places, sizes).\n", Long.parseLong(ground.meta("step")), Long.parseLong(ground.meta("positions")),
        groundSeconds / 3600, TargetTrainingConfig.grounding().schedule().peak(), TinyModelBuild.GROUND_TURNS,
        TinyModelBuild.GROUND_FACT_WEIGHT);
    VisionPretrainer.Result visionResult = VisionPretrainer.result(vision);
    long targetParams = count(c, name -> !name.startsWith("draft.") && !name.startsWith("vision.")
        && !name.startsWith("projector."));
    long visionParams = count(c, name -> name.startsWith("vision.") || name.startsWith("projector."));
    long draftParams = count(c, name -> name.startsWith("draft."));
    long head = (long) c.vocabSize() * c.hiddenSize();
    double[] last = scaling.get(scaling.size() - 1);
    StringBuilder files = new StringBuilder();
    long totalBytes = 0;
    try (var list = Files.list(model)) {
      for (Path f : list.filter(Files::isRegularFile).sorted().toList()) {
        long size = Files.size(f);
        totalBytes += size;
        files.append(String.format(Locale.ROOT, "| `%s` | %.1f MB |%n", f.getFileName(), size / 1e6));
      }
    }
    StringBuilder accuracy = new StringBuilder();
    for (JsonElement e : eval.getAsJsonArray("accuracies")) {
      JsonObject a = e.getAsJsonObject();
      accuracy.append(String.format(Locale.ROOT, "| %s | %d | %.0f %% | %.0f %% |%n",
          a.get("type").getAsString().toLowerCase(Locale.ROOT), a.get("scored").getAsInt(),
          100 * a.get("accuracy").getAsDouble(), 100 * a.get("chance").getAsDouble()));
    }
    StringBuilder examples = new StringBuilder();
    for (JsonElement e : eval.getAsJsonArray("examples")) {
      JsonArray x = e.getAsJsonArray();
      examples.append("- Q: ").append(x.get(0).getAsString()).append("  \n  reference: ")
          .append(x.get(1).getAsString()).append("  \n  model: ").append(x.get(2).getAsString()).append('\n');
    }
    return String.format(Locale.ROOT, """
        # specvlm-tiny

        A tiny LLaVA-style vision-language model trained from scratch by this project on procedurally generated \
        scenes, with an EagleVLM draft head distilled online against it. It exists so that specvlm can be tested and \
        measured without a model hub: its text is not trivially predictable, its images give 64 to 1024 visual \
        tokens, and its answers depend on the image (measured below: the colour, shape and count it names against \
        chance). It knows nothing outside its synthetic scenes.

        ## Architecture

        | part | shape | parameters |
        |---|---|---|
        | vision encoder + projector | ViT, patch %d, width %d, %d layers, %d heads, MLP %d, factorised learned row/column positions (grids up to %d × %d); projector Linear–GELU–Linear to %d | %.2f M |
        | decoder (target) | LLaMA-style: hidden %d, %d layers, %d query heads over %d KV heads (head dim %d), SwiGLU %d, RMSNorm, RoPE θ = %.0f, context %d; vocabulary %d | %.2f M (LM head %.2f M) |
        | draft (EagleVLM) | fusion FC [embedding, feature] with bias, input RMSNorm, one decoder layer of the same shape, no final norm; shares the target's embeddings and LM head | %.2f M trainable |

        One draft step (fusion FC + one layer + LM head) holds %.1f %% of the parameters of one target step \
        (decoder layers + LM head). Weights are stored as float16 in the files and computed in float32.

        | file | size |
        |---|---|
        %s| total | %.1f MB |

        Prompt format (`specvlm.json` chat template): `<bos> USER: <image>×N {question} ASSISTANT:`; images are \
        used at their own size when within 256 × 256 pixels (sides rounded to multiples of 8), scaled to [−1, 1].

        ## Data

        Procedural scenes (`dev.specvlm.train.data`): shapes of many colours, sizes, counts and positions on plain, \
        gradient, striped, dotted or noisy backgrounds, with questions and answers from a grammar with synonyms, \
        orderings and optional clauses (captions, descriptions, colour, shape, count, position, existence, size, \
        relations, background, order, grounding boxes, image size, opinions, titles). Word-level tokenizer of %d \
        pieces (`tokenizer.json`). Resolutions: 70 %% 64 × 64 (64 visual tokens), 15 %% 128 × 64 (128), \
        10 %% 128 × 128 (256), 2.5 %% 96 × 192 (288), 2.5 %% 256 × 256 (1024). Training seeds and held-out seeds \
        are disjoint (`DataSplit`).

        ## Training

        Everything from scratch, DJL (PyTorch engine) on 2 shared CPU cores, float32:

        - Vision encoder (standing in for LLaVA's pretrained CLIP): %d steps on %d scene images, two linear heads \
        classifying every patch's colour family (object or background) and shape kind (or background) from the \
        scene's ground truth%s; final patch accuracy %.0f %% (colour) and %.0f %% (shape)%s; the heads are discarded. \
        (A first run that trained the encoder jointly with the decoder from random weights produced fluent, \
        image-blind answers: colour, shape and count at chance after a million positions.)
        - Target (projector + decoder, encoder frozen): next-token cross-entropy on the answer tokens: %d steps, \
        %d positions (visual slots included), %.1f h of training; AdamW β (0.9, 0.95), peak learning rate %.0e \
        with warm-up and cosine decay, decay 0.1, clip 1.0, ~2048 positions a batch.
        %s- Draft: online-logit distillation (`OnlineDistiller`): the exported target runs on ONNX Runtime as the \
        teacher for every conversation; loss 1.0 · SmoothL1(features) + 0.1 · soft CE; %d epochs of %d \
        conversations, %d steps of 8 conversations, %.1f h.

        ## Measured (held-out scenes)

        Uses the image — the first colour family / shape / count named in its greedy answer against the scene's \
        truth; chance is the same answer scored against the truth of another scene asked the same kind of question:

        | question | answers scored | correct | chance |
        |---|---|---|---|
        %s
        %s
        Predictability: mean probability of its own greedy tokens %.3f over %d answers (%.1f tokens each on average).

        Draft, EAGLE-2 dynamic tree at the paper's budget (K 10, T 60, D 7), %d held-out prompts, ONNX Runtime on 2 \
        CPU threads: σ = %.2f at temperature 0 and %.2f at temperature 1; end-to-end speedup over autoregressive \
        decoding %.2f× and %.2f×. With a CPU-sized tree (K 4, T 8, D 4): σ = %.2f / %.2f, speedup %.2f× / %.2f× \
        (temperature 0 / 1). Greedy speculative output equalled AR output on every prompt: %s. σ per epoch is in \
        `docs/training-scaling.md` (σ %s at temperature 0; %s at temperature 1).

        Examples:

        %s
        ## Rebuild

        From the repository root (about %.1f hours of training on 2 shared CPU cores plus evaluation; resumable — run it again after an interruption):

        ```
        models/specvlm-tiny/rebuild.sh [RUN_DIR]
        ```
        """,
        c.patchSize(), c.visionWidth(), c.visionLayers(), c.visionHeads(), c.visionFfnSize(), c.maxGridSize(),
        c.maxGridSize(), c.hiddenSize(), visionParams / 1e6,
        c.hiddenSize(), c.numLayers(), c.numHeads(), c.numKvHeads(), c.headDim(), c.ffnSize(), c.ropeTheta(),
        c.contextLength(), c.vocabSize(), targetParams / 1e6, head / 1e6,
        draftParams / 1e6,
        100.0 * (draftParams + head) / (targetParams - c.vocabSize() * (long) c.hiddenSize() - c.hiddenSize()),
        files, totalBytes / 1e6,
        c.vocabSize(),
        Integer.parseInt(vision.meta("steps")), Long.parseLong(vision.meta("images")), objectLevelHead(visionResult),
        100 * visionResult.colorAccuracy(), 100 * visionResult.shapeAccuracy(), objectPatchAccuracy(visionResult),
        Long.parseLong(target.meta("step")), Long.parseLong(target.meta("positions")),
        Double.parseDouble(target.meta("seconds")) / 3600, TargetTrainingConfig.bundled().schedule().peak(),
        groundLine, (int) last[0], (long) (last[1] / last[0]), Long.parseLong(distill.meta("steps")),
        Double.parseDouble(distill.meta("seconds")) / 3600,
        accuracy, reliance(eval), eval.get("meanTop1Probability").getAsDouble(), eval.get("answers").getAsInt(),
        eval.get("meanAnswerTokens").getAsDouble(),
        (int) last[ScalingTable.PROMPTS], last[ScalingTable.SIGMA_T0], last[ScalingTable.SIGMA_T1],
        last[ScalingTable.SPEEDUP_T0], last[ScalingTable.SPEEDUP_T1], cpu.get(0).sigma(), cpu.get(1).sigma(),
        cpu.get(0).speedup(), cpu.get(1).speedup(),
        cpu.get(0).mismatches() == 0 && last[ScalingTable.MISMATCHES_T0] == 0 ? "yes"
            : "no (" + (cpu.get(0).mismatches() + (int) last[ScalingTable.MISMATCHES_T0]) + " mismatches)",
        trend0, trend1,
        examples,
        (Double.parseDouble(target.meta("seconds")) + groundSeconds + Double.parseDouble(distill.meta("seconds")))
            / 3600);
  }

  /** The object-level head's sentence, or nothing for an encoder pretrained without it. */
  private static String objectLevelHead(VisionPretrainer.Result vision) {
    double accuracy = vision.objectLevelShapeAccuracy();
    return Double.isNaN(accuracy) ? "" : String.format(Locale.ROOT, ", and a third classifying every object's shape "
        + "from the mean of its patches' features (object-level shape accuracy %.0f %% over the last tenth of the "
        + "steps, each image new to it; chance ~7 %%)",
        100 * accuracy);
  }

  /** The vision encoder's accuracy on object patches, or nothing for a checkpoint that did not record it. */
  private static String objectPatchAccuracy(VisionPretrainer.Result r) {
    return Double.isNaN(r.objectColorAccuracy()) ? "" : String.format(Locale.ROOT,
        ", on object patches alone (most patches are background) %.0f %% and %.0f %%", 100 * r.objectColorAccuracy(),
        100 * r.objectShapeAccuracy());
  }

  /** The image-reliance sentence of the card, or nothing for an evaluation that did not measure it. */
  private static String reliance(JsonObject eval) {
    if (!eval.has("imageReliance")) {
      return "";
    }
    JsonObject r = eval.getAsJsonObject("imageReliance");
    return String.format(Locale.ROOT, "Image reliance, under teacher forcing on the %d reference answers: the %d "
        + "image-dictated tokens (colours, shapes, numbers, places, sizes) cost %.2f nats each with the scene's own "
        + "image and %.2f with another scene's image in its place; the other %d answer tokens %.2f and %.2f.%n",
        eval.get("answers").getAsInt(), r.get("factTokens").getAsLong(), r.get("factOwnImage").getAsDouble(),
        r.get("factOtherImage").getAsDouble(), r.get("otherTokens").getAsLong(), r.get("otherOwnImage").getAsDouble(),
        r.get("otherOtherImage").getAsDouble());
  }

  private static long count(ReferenceConfig c, java.util.function.Predicate<String> include) {
    long n = 0;
    for (var e : ReferenceWeights.expectedShapes(c).entrySet()) {
      if (include.test(e.getKey())) {
        long size = 1;
        for (int d : e.getValue()) {
          size *= d;
        }
        n += size;
      }
    }
    return n;
  }
}
