package dev.specvlm.onnx;

import static dev.specvlm.onnx.reference.TensorNames.*;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.specvlm.ModelLoadException;
import dev.specvlm.onnx.image.ImagePreprocessor;
import dev.specvlm.onnx.image.ImageSettings;
import dev.specvlm.onnx.image.ImageSize;
import dev.specvlm.spi.DecoderOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads a model folder into an {@link OnnxModelBundle}, validating in this order: manifest; every path (inside the
 * folder, readable; external data files too); tokenizer and its vocabulary; each ONNX file's declared inputs and
 * outputs; then small test runs of each graph that pin down symbolic sizes (hidden size, vocabulary, KV shapes, visual
 * token count) and read the embedding table.
 */
final class ModelLoader {
  private static final System.Logger LOG = System.getLogger(ModelLoader.class.getName());
  private static final int EMBED_CHUNK = 4096;

  private final DecoderOptions options;
  private final List<OrtSession> sessions = new ArrayList<>();
  private ModelManifest manifest;
  private ModelFolder folder;
  private OrtEnvironment env;
  private SessionFactory factory;

  private ModelLoader(DecoderOptions options) {
    this.options = options;
  }

  static OnnxModelBundle load(DecoderOptions options) {
    OrtAvailability.check();
    return new ModelLoader(options).load();
  }

  private OnnxModelBundle load() {
    folder = new ModelFolder(options.modelDir());
    manifest = ModelManifest.read(folder.path());
    Path tokenizerFile = folder.resolve("tokenizer", manifest.tokenizer());
    Path embedFile = folder.resolve("embed", manifest.embed());
    Path decoderFile = folder.resolve("decoder.file", manifest.decoder().file());
    Path draftFile = manifest.draft() == null ? null : folder.resolve("draft.file", manifest.draft().file());
    Path visionFile = manifest.vision() == null ? null : folder.resolve("vision.file", manifest.vision().file());
    Map<String, List<Path>> external = new LinkedHashMap<>();
    external.put("embed", externalData("embed", embedFile));
    external.put("decoder", externalData("decoder", decoderFile));
    if (draftFile != null) {
      external.put("draft", externalData("draft", draftFile));
    }
    if (visionFile != null) {
      external.put("vision", externalData("vision", visionFile));
    }

    env = OrtRuntime.environment();
    factory = new SessionFactory(env, ExecutionTarget.resolve(env, options.device()), options);
    HfTokenizer tokenizer = HfTokenizer.load(tokenizerFile);
    try {
      checkTokenizer(tokenizer, tokenizerFile);
      // declared inputs and outputs of every file first, then the test runs
      int hidden = manifest.sizes().hidden();
      Set<String> decoderOptional = new HashSet<>();
      OrtSession embed = open("embed", embedFile, external.get("embed"), ModelContract.embed(hidden), new HashSet<>());
      OrtSession decoder = open("decoder", decoderFile, external.get("decoder"), ModelContract.decoder(manifest),
          decoderOptional);
      OrtSession draft = draftFile == null ? null : open("draft", draftFile, external.get("draft"),
          ModelContract.draft(manifest, manifest.draft()), new HashSet<>());
      OrtSession visionSession = visionFile == null ? null : open("vision", visionFile, external.get("vision"),
          ModelContract.vision(hidden), new HashSet<>());
      TableEmbedder embedder = embedTable(embed, embedFile);
      OnnxTargetModel targetModel = targetModel(decoder, decoderFile,
          decoderOptional.contains(NUM_LOGITS_TO_KEEP), embedder);
      OnnxDraftModel draftModel = draft == null ? null : draftModel(draft, draftFile, embedder);
      OnnxVisionEncoder vision = visionSession == null ? null : visionEncoder(visionSession, visionFile);
      LOG.log(System.Logger.Level.INFO, "loaded model '" + manifest.name() + "' from " + folder.path() + " on "
          + factory.target() + (draftModel == null ? " (no draft)" : "") + (vision == null ? " (text only)" : ""));
      return new OnnxModelBundle(manifest, tokenizer, vision, embedder, targetModel, draftModel, sessions,
          factory.target().toString());
    } catch (RuntimeException | Error e) {
      sessions.forEach(SessionFactory::close);
      tokenizer.close();
      throw e;
    }
  }

  /** The external data files {@code file} refers to, each confined to the model folder. */
  private List<Path> externalData(String role, Path file) {
    Path parent = folder.path().toAbsolutePath().normalize().relativize(
        file.getParent().toAbsolutePath().normalize());
    List<Path> out = new ArrayList<>();
    for (String location : ExternalDataScan.locations(role, file)) {
      String relative = parent.toString().isEmpty() ? location : parent + "/" + location;
      out.add(folder.resolve(role + " external data", relative));
    }
    return out;
  }

  private void checkTokenizer(HfTokenizer tokenizer, Path file) {
    int vocab = manifest.sizes().vocab();
    if (tokenizer.vocabSize() > vocab) {
      throw new ModelLoadException("tokenizer " + file + " has ids up to " + (tokenizer.vocabSize() - 1)
          + " but sizes.vocab in specvlm.json is " + vocab + "; the model's vocabulary must cover the tokenizer's");
    }
  }

  private OrtSession open(String role, Path file, List<Path> externalFiles, ModelContract.Io io,
      Set<String> optionalFound) {
    OrtSession session = factory.open(role, file, externalFiles);
    sessions.add(session);
    optionalFound.addAll(GraphContract.check(role, file, session, io.inputs(), io.optionalInputs(), io.outputs()));
    return session;
  }

  /** Reads the embedding table by running the embed graph over every id, then closes that session. */
  private TableEmbedder embedTable(OrtSession session, Path file) {
    int vocab = manifest.sizes().vocab();
    int hidden = manifest.sizes().hidden();
    if ((long) vocab * hidden > Integer.MAX_VALUE - 8) {
      throw new ModelLoadException("embedding table " + vocab + " x " + hidden + " exceeds " + (Integer.MAX_VALUE - 8)
          + " floats; this backend keeps it in one Java array");
    }
    float[] table = new float[vocab * hidden];
    for (int start = 0; start < vocab; start += EMBED_CHUNK) {
      int n = Math.min(EMBED_CHUNK, vocab - start);
      long[] ids = new long[n];
      for (int i = 0; i < n; i++) {
        ids[i] = start + i;
      }
      ProbeRun run = new ProbeRun(env, "embed", file, "embedding ids " + start + ".." + (start + n - 1)
          + " of sizes.vocab = " + vocab + ", which the embedding table must cover")
          .input(INPUT_IDS, ids, 1, n).run(session, Map.of(INPUTS_EMBEDS, new long[] {1, n, hidden}));
      System.arraycopy(run.floats(INPUTS_EMBEDS), 0, table, start * hidden, n * hidden);
    }
    // a per-token embedding must not depend on its neighbours: re-embed a few ids in another order and compare
    long[] probe = {vocab - 1, 0, vocab / 2, vocab - 1};
    ProbeRun run = new ProbeRun(env, "embed", file, "embedding ids " + java.util.Arrays.toString(probe))
        .input(INPUT_IDS, probe, 1, probe.length).run(session, Map.of(INPUTS_EMBEDS,
            new long[] {1, probe.length, hidden}));
    float[] again = run.floats(INPUTS_EMBEDS);
    for (int r = 0; r < probe.length; r++) {
      for (int j = 0; j < hidden; j++) {
        float expected = table[(int) probe[r] * hidden + j];
        if (Math.abs(again[r * hidden + j] - expected) > 1e-5f * Math.max(1f, Math.abs(expected))) {
          throw run.error("embedded token " + probe[r] + " differently next to other tokens; the contract needs"
              + " inputs_embeds to depend on each token alone (no positions or context in embed.onnx)");
        }
      }
    }
    sessions.remove(session);
    SessionFactory.close(session);
    return new TableEmbedder(table, vocab, hidden);
  }

  private OnnxTargetModel targetModel(OrtSession session, Path file, boolean keeps, TableEmbedder embedder) {
    boolean keepScalar = keeps && isScalar(session, NUM_LOGITS_TO_KEEP);
    ModelManifest.Transformer t = manifest.decoder();
    int vocab = manifest.sizes().vocab();
    int hidden = manifest.sizes().hidden();
    // a 2-row prefill over an empty cache, then a 1-row step over those 2 rows
    ProbeRun prefill = stepProbe(new ProbeRun(env, "decoder", file, "a 2-row prefill"), t, embedder, 0, 2);
    if (keeps) {
      counter(prefill, NUM_LOGITS_TO_KEEP, 1, keepScalar);
    }
    Map<String, long[]> expect = new LinkedHashMap<>();
    expect.put(LOGITS, new long[] {1, keeps ? 1 : 2, vocab});
    expect.put(HIDDEN_STATES, new long[] {1, 2, hidden});
    presentShapes(expect, t, 2);
    prefill.run(session, expect);
    ProbeRun step = stepProbe(new ProbeRun(env, "decoder", file, "a 1-row step over 2 cached rows"), t, embedder, 2,
        1);
    for (int l = 0; l < t.layers(); l++) {
      step.input(pastKey(l), prefill.floats(presentKey(l)), 1, t.kvHeads(), 2, t.headDim());
      step.input(pastValue(l), prefill.floats(presentValue(l)), 1, t.kvHeads(), 2, t.headDim());
    }
    if (keeps) {
      counter(step, NUM_LOGITS_TO_KEEP, 1, keepScalar);
    }
    expect.clear();
    expect.put(LOGITS, new long[] {1, 1, vocab});
    expect.put(HIDDEN_STATES, new long[] {1, 1, hidden});
    presentShapes(expect, t, 3);
    step.run(session, expect);
    return new OnnxTargetModel(env, session, manifest, new OnnxTargetModel.TargetGraph(keeps, keepScalar));
  }

  private OnnxDraftModel draftModel(OrtSession session, Path file, TableEmbedder embedder) {
    ModelManifest.Transformer t = manifest.draft();
    boolean keepScalar = isScalar(session, NUM_LOGITS_TO_KEEP);
    boolean topKScalar = isScalar(session, TOP_K);
    int vocab = manifest.sizes().vocab();
    int hidden = manifest.sizes().hidden();
    // two stable rows with top_k = V: the ids must be a permutation of the vocabulary and the probabilities sum to 1
    ProbeRun run = stepProbe(new ProbeRun(env, "draft", file, "a 2-row step with top_k = sizes.vocab = " + vocab),
        t, embedder, 0, 2);
    run.input(FEATURES, new float[2 * hidden], 1, 2, hidden);
    counter(run, NUM_LOGITS_TO_KEEP, 1, keepScalar);
    counter(run, TOP_K, vocab, topKScalar);
    Map<String, long[]> expect = new LinkedHashMap<>();
    expect.put(HIDDEN_STATES, new long[] {1, 2, hidden});
    expect.put(TOPK_LOG_PROBS, new long[] {1, 1, vocab});
    expect.put(TOPK_IDS, new long[] {1, 1, vocab});
    presentShapes(expect, t, 2);
    run.run(session, expect);
    checkFullTopK(run, vocab);
    ProbeRun step = stepProbe(new ProbeRun(env, "draft", file, "a 1-row step over 2 cached rows, top_k = 1"), t,
        embedder, 2, 1);
    step.input(FEATURES, new float[hidden], 1, 1, hidden);
    for (int l = 0; l < t.layers(); l++) {
      step.input(pastKey(l), run.floats(presentKey(l)), 1, t.kvHeads(), 2, t.headDim());
      step.input(pastValue(l), run.floats(presentValue(l)), 1, t.kvHeads(), 2, t.headDim());
    }
    counter(step, NUM_LOGITS_TO_KEEP, 1, keepScalar);
    counter(step, TOP_K, 1, topKScalar);
    expect.clear();
    expect.put(HIDDEN_STATES, new long[] {1, 1, hidden});
    expect.put(TOPK_LOG_PROBS, new long[] {1, 1, 1});
    expect.put(TOPK_IDS, new long[] {1, 1, 1});
    presentShapes(expect, t, 3);
    step.run(session, expect);
    return new OnnxDraftModel(env, session, manifest, t, new OnnxDraftModel.DraftGraph(keepScalar, topKScalar));
  }

  /** Checks a top-V output: every id once, log-probabilities descending and summing (as probabilities) to 1. */
  private static void checkFullTopK(ProbeRun run, int vocab) {
    long[] ids = run.longs(TOPK_IDS);
    float[] logProbs = run.floats(TOPK_LOG_PROBS);
    boolean[] seen = new boolean[vocab];
    double sum = 0;
    for (int i = 0; i < vocab; i++) {
      long id = ids[i];
      if (id < 0 || id >= vocab || seen[(int) id]) {
        throw run.error("returned token id " + id + " at rank " + i + ", so the draft's vocabulary is not the "
            + vocab + " ids of sizes.vocab; a draft must share the target's vocabulary and LM head");
      }
      seen[(int) id] = true;
      if (i > 0 && logProbs[i] > logProbs[i - 1]) {
        throw run.error("returned log-probabilities out of order at rank " + i + "; topk_log_probs must descend");
      }
      sum += Math.exp(logProbs[i]);
    }
    if (Math.abs(sum - 1) > 1e-3) {
      throw run.error("returned probabilities summing to " + sum + " over the " + vocab + " ids of sizes.vocab; the"
          + " draft's vocabulary must be exactly sizes.vocab and topk_log_probs a log-softmax over it");
    }
  }

  /**
   * Runs the vision graph on the extreme sizes the resize rule can produce (smallest, largest square, tallest and
   * widest strip), so that an encoder with a limited grid (learned position tables) is refused at load, not on the
   * first large image.
   */
  private OnnxVisionEncoder visionEncoder(OrtSession session, Path file) {
    int hidden = manifest.sizes().hidden();
    ImageSettings settings = manifest.vision().image();
    int unit = settings.unit();
    Set<ImageSize> sizes = new java.util.LinkedHashSet<>();
    for (ImageSize source : List.of(new ImageSize(1, 1), new ImageSize(1 << 20, 1 << 20),
        new ImageSize(1 << 20, 1), new ImageSize(1, 1 << 20))) {
      sizes.add(settings.encoderInputSize(source));
    }
    for (ImageSize size : sizes) {
      int tokens = (size.height() / unit) * (size.width() / unit);
      new ProbeRun(env, "vision", file, "a " + size + " image, an extreme of the resize rule in specvlm.json")
          .input(PIXEL_VALUES, new float[3 * size.height() * size.width()], 1, 3, size.height(), size.width())
          .run(session, Map.of(IMAGE_EMBEDS, new long[] {1, tokens, hidden}));
    }
    return new OnnxVisionEncoder(env, session, new ImagePreprocessor(settings), hidden);
  }

  /** A probe with the step inputs: embeddings of ids 0.., positions {@code past..}, causal mask, empty past. */
  private static ProbeRun stepProbe(ProbeRun run, ModelManifest.Transformer t, TableEmbedder embedder, int past,
      int q) {
    int hidden = embedder.row(0).length;
    float[] embeds = new float[q * hidden];
    long[] positions = new long[q];
    float[] mask = new float[q * (past + q)];
    for (int r = 0; r < q; r++) {
      System.arraycopy(embedder.row(r), 0, embeds, r * hidden, hidden);
      positions[r] = past + r;
      for (int c = past + r + 1; c < past + q; c++) {
        mask[r * (past + q) + c] = Float.NEGATIVE_INFINITY;
      }
    }
    run.input(INPUTS_EMBEDS, embeds, 1, q, hidden).input(POSITION_IDS, positions, 1, q)
        .input(ATTENTION_MASK, mask, 1, 1, q, past + q);
    if (past == 0) {
      for (int l = 0; l < t.layers(); l++) {
        run.input(pastKey(l), new float[0], 1, t.kvHeads(), 0, t.headDim());
        run.input(pastValue(l), new float[0], 1, t.kvHeads(), 0, t.headDim());
      }
    }
    return run;
  }

  private static void counter(ProbeRun run, String name, long value, boolean scalar) {
    if (scalar) {
      run.input(name, new long[] {value});
    } else {
      run.input(name, new long[] {value}, 1);
    }
  }

  private static void presentShapes(Map<String, long[]> expect, ModelManifest.Transformer t, int total) {
    for (int l = 0; l < t.layers(); l++) {
      expect.put(presentKey(l), new long[] {1, t.kvHeads(), total, t.headDim()});
      expect.put(presentValue(l), new long[] {1, t.kvHeads(), total, t.headDim()});
    }
  }

  private static boolean isScalar(OrtSession session, String input) {
    try {
      return ((ai.onnxruntime.TensorInfo) session.getInputInfo().get(input).getInfo()).getShape().length == 0;
    } catch (ai.onnxruntime.OrtException e) {
      throw new ModelLoadException("cannot read input '" + input + "': " + e.getMessage(), e);
    }
  }
}
