package dev.specvlm.onnx;

import static dev.specvlm.onnx.reference.TensorNames.*;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.specvlm.ModelLoadException;
import dev.specvlm.core.model.CompressorBranch;
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
import java.util.function.Supplier;

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

  /** Loads {@code options.modelDir()}; call {@link OrtAvailability#check()} before this class is touched. */
  static OnnxModelBundle load(DecoderOptions options) {
    return new ModelLoader(options).load();
  }

  private OnnxModelBundle load() {
    folder = new ModelFolder(options.modelDir());
    manifest = ManifestReader.read(folder);
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
    Map<String, Path> compressorFiles = compressorFiles(external);

    env = OrtRuntime.environment();
    factory = new SessionFactory(env, ExecutionTarget.resolve(env, options.device()), options);
    HfTokenizer tokenizer = HfTokenizer.load(tokenizerFile);
    try {
      checkTokenizer(tokenizer, tokenizerFile);
      // declared inputs and outputs of every file first, then the test runs
      int hidden = manifest.sizes().hidden();
      Set<String> decoderOptional = new HashSet<>();
      OrtSession embed = open("embed", embedFile, external.get("embed"), null, () -> ModelContract.embed(hidden),
          new HashSet<>());
      OrtSession decoder = open("decoder", decoderFile, external.get("decoder"), manifest.decoder(),
          () -> ModelContract.decoder(manifest), decoderOptional);
      OrtSession draft = draftFile == null ? null : open("draft", draftFile, external.get("draft"), manifest.draft(),
          () -> ModelContract.draft(manifest, manifest.draft()), new HashSet<>());
      OrtSession visionSession = visionFile == null ? null : open("vision", visionFile, external.get("vision"), null,
          () -> ModelContract.vision(hidden), new HashSet<>());
      Map<String, OrtSession> compressorSessions = openCompressor(compressorFiles, external);
      TableEmbedder embedder = embedTable(embed, embedFile);
      OnnxTargetModel targetModel = targetModel(decoder, decoderFile,
          decoderOptional.contains(NUM_LOGITS_TO_KEEP), embedder);
      OnnxDraftModel draftModel = draft == null ? null : draftModel("draft", manifest.draft(), draft, draftFile,
          embedder);
      OnnxCompressorModel compressor = manifest.compressor() == null ? null
          : compressorModel(compressorSessions, compressorFiles, embedder);
      OnnxVisionEncoder vision = visionSession == null ? null : visionEncoder(visionSession, visionFile);
      LOG.log(System.Logger.Level.INFO, "loaded model '" + manifest.name() + "' from " + folder.path() + " on "
          + factory.target() + (draftModel == null ? " (no draft)" : "") + (vision == null ? " (text only)" : "")
          + (compressor == null ? "" : " with visual compressor " + compressor.branches()));
      return new OnnxModelBundle(manifest, tokenizer, vision, embedder, targetModel, draftModel, compressor, sessions,
          factory.target().toString());
    } catch (RuntimeException | Error e) {
      sessions.forEach(SessionFactory::close);
      tokenizer.close();
      throw e;
    }
  }

  /** The external data files {@code file} refers to, each confined to the model folder. */
  private List<Path> externalData(String role, Path file) {
    // file is a real path inside the folder's real path; ONNX Runtime resolves locations against its parent
    Path parent = folder.realPath().relativize(file.getParent());
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

  /**
   * Opens {@code file} and checks its declared inputs and outputs against the contract, which is built only after the
   * KV layer count of {@code kv} (for decoder graphs) has been compared with what the graph can hold, so that a
   * manifest cannot make the contract itself enormous.
   */
  private OrtSession open(String role, Path file, List<Path> externalFiles,
      ModelManifest.@org.jspecify.annotations.Nullable Transformer kv, Supplier<ModelContract.Io> contract,
      Set<String> optionalFound) {
    OrtSession session = factory.open(role, file, externalFiles);
    sessions.add(session);
    if (kv != null) {
      long needed = 2L * kv.layers();
      long declared = session.getNumInputs();
      if (needed > declared) {
        throw new ModelLoadException(role + " file " + file + ": " + ModelManifest.FILE_NAME + " says " + role
            + ".layers = " + kv.layers() + ", which needs " + needed + " past_key_values inputs (2 per layer), but"
            + " the graph declares " + declared + " inputs in all; set " + role + ".layers to the graph's layer"
            + " count");
      }
    }
    ModelContract.Io io = contract.get();
    optionalFound.addAll(GraphContract.check(role, file, session, io.inputs(), io.optionalInputs(), io.outputs()));
    return session;
  }

  /**
   * Reads the embedding table by running the embed graph over every id, then closes that session. A few ids are
   * embedded first, in an unusual order, so a graph whose table is smaller than sizes.vocab fails before the table is
   * allocated, and so that the chunked rows can be checked not to depend on their neighbours.
   */
  private TableEmbedder embedTable(OrtSession session, Path file) {
    int vocab = manifest.sizes().vocab();
    int hidden = manifest.sizes().hidden();
    long[] probe = {vocab - 1, 0, vocab / 2, vocab - 1};
    ProbeRun first = new ProbeRun(env, "embed", file, "embedding ids " + java.util.Arrays.toString(probe)
        + " of sizes.vocab = " + vocab + ", which the embedding table must cover")
        .input(INPUT_IDS, probe, 1, probe.length).run(session, Map.of(INPUTS_EMBEDS,
            new long[] {1, probe.length, hidden}));
    float[] probed = first.floats(INPUTS_EMBEDS);
    float[] table = heapFloats((long) vocab * hidden, "the embedding table (sizes.vocab " + vocab + " x sizes.hidden "
        + hidden + ")");
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
    // a per-token embedding must not depend on its neighbours
    for (int r = 0; r < probe.length; r++) {
      for (int j = 0; j < hidden; j++) {
        float expected = table[(int) probe[r] * hidden + j];
        if (Math.abs(probed[r * hidden + j] - expected) > 1e-5f * Math.max(1f, Math.abs(expected))) {
          throw first.error("embedded token " + probe[r] + " differently next to other tokens; the contract needs"
              + " inputs_embeds to depend on each token alone (no positions or context in embed.onnx)");
        }
      }
    }
    sessions.remove(session);
    SessionFactory.close(session);
    return new TableEmbedder(table, vocab, hidden);
  }

  /**
   * A float array whose size comes from specvlm.json: a size the Java heap cannot hold is refused as a load error
   * naming {@code what}, rather than escaping as an {@link OutOfMemoryError}.
   */
  static float[] heapFloats(long count, String what) {
    long mib = count * Float.BYTES >> 20;
    if (count > Integer.MAX_VALUE - 8) {
      throw new ModelLoadException(what + " needs " + count + " floats (" + mib + " MiB); this backend keeps it in"
          + " one Java array of at most " + (Integer.MAX_VALUE - 8) + " floats");
    }
    try {
      return new float[(int) count];
    } catch (OutOfMemoryError e) {
      throw new ModelLoadException(what + " needs " + mib + " MiB of Java heap, more than is free (maximum heap "
          + (Runtime.getRuntime().maxMemory() >> 20) + " MiB); raise -Xmx or check the sizes in specvlm.json", e);
    }
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

  /**
   * The compressor's files by role ({@code compressor.branches[i].file}, {@code compressor.gate},
   * {@code compressor.weighted.gate}, {@code compressor.draft.file}), each resolved inside the folder, with their
   * external data added to {@code external}; empty without a compressor.
   */
  private Map<String, Path> compressorFiles(Map<String, List<Path>> external) {
    ModelManifest.Compressor c = manifest.compressor();
    Map<String, Path> files = new LinkedHashMap<>();
    if (c == null) {
      return files;
    }
    for (int i = 0; i < c.branches().size(); i++) {
      String file = c.branches().get(i).file();
      if (file != null) {
        files.put("compressor.branches[" + i + "].file", folder.resolve("compressor.branches[" + i + "].file", file));
      }
    }
    if (c.gate() != null) {
      files.put("compressor.gate", folder.resolve("compressor.gate", c.gate()));
    }
    if (c.weighted() != null) {
      files.put("compressor.weighted.gate", folder.resolve("compressor.weighted.gate", c.weighted().gate()));
    }
    if (c.draft() != null) {
      files.put("compressor.draft.file", folder.resolve("compressor.draft.file", c.draft().file()));
    }
    files.forEach((role, file) -> external.put(role, externalData(role, file)));
    return files;
  }

  /** Opens the compressor's files and checks their declared inputs and outputs, by role. */
  private Map<String, OrtSession> openCompressor(Map<String, Path> files, Map<String, List<Path>> external) {
    ModelManifest.Compressor c = manifest.compressor();
    int hidden = manifest.sizes().hidden();
    Map<String, OrtSession> out = new LinkedHashMap<>();
    files.forEach((role, file) -> {
      Supplier<ModelContract.Io> contract;
      ModelManifest.Transformer kv = null;
      if (role.equals("compressor.gate")) {
        contract = () -> ModelContract.compressorGate(hidden, c.branches().size());
      } else if (role.equals("compressor.weighted.gate")) {
        contract = () -> ModelContract.compressorGate(hidden, 3);
      } else if (role.equals("compressor.draft.file")) {
        kv = c.draft();
        contract = () -> ModelContract.draft(manifest, c.draft());
      } else {
        contract = () -> ModelContract.compressorBranch(hidden);
      }
      out.put(role, open(role, file, external.get(role), kv, contract, new HashSet<>()));
    });
    return out;
  }

  /**
   * Test runs of the compressor's graphs: each learned branch on a span of a few windows (the output must have the
   * branch's row count), each gate on three question rows (one logit per branch; three for the weighted gate), the
   * jointly trained draft as the plain draft is checked.
   */
  private OnnxCompressorModel compressorModel(Map<String, OrtSession> sessions, Map<String, Path> files,
      TableEmbedder embedder) {
    ModelManifest.Compressor c = manifest.compressor();
    int hidden = manifest.sizes().hidden();
    Map<CompressorBranch, OrtSession> learned = new LinkedHashMap<>();
    for (int i = 0; i < c.branches().size(); i++) {
      CompressorBranch branch = c.branches().get(i).branch();
      String role = "compressor.branches[" + i + "].file";
      if (!branch.learned()) {
        continue;
      }
      int rows = branch.kind() == CompressorBranch.Kind.CONV ? 2 * branch.size() + 1 : branch.size() + 3;
      float[] pairs = new float[rows * 2 * hidden];
      for (int j = 0; j < pairs.length; j++) {
        pairs[j] = (float) Math.sin(j * 0.37); // bounded, varied values
      }
      new ProbeRun(env, role, files.get(role), branch + " over a span of " + rows + " visual pairs")
          .input(VISUAL_PAIRS, pairs, 1, rows, 2 * hidden)
          .run(sessions.get(role), Map.of(COMPRESSED_PAIRS, new long[] {1, branch.outputTokens(rows), 2 * hidden}));
      learned.put(branch, sessions.get(role));
    }
    float[] question = new float[3 * hidden];
    for (int j = 0; j < question.length; j++) {
      question[j] = (float) Math.cos(j * 0.61);
    }
    if (c.gate() != null) {
      new ProbeRun(env, "compressor.gate", files.get("compressor.gate"), "3 question rows, one logit for each of the "
          + c.branches().size() + " branches").input(QUESTION_FEATURES, question, 1, 3, hidden)
          .run(sessions.get("compressor.gate"), Map.of(GATE_LOGITS, new long[] {1, c.branches().size()}));
    }
    if (c.weighted() != null) {
      new ProbeRun(env, "compressor.weighted.gate", files.get("compressor.weighted.gate"), "3 question rows, logits"
          + " for prune, pool and conv").input(QUESTION_FEATURES, question, 1, 3, hidden)
          .run(sessions.get("compressor.weighted.gate"), Map.of(GATE_LOGITS, new long[] {1, 3}));
    }
    OnnxDraftModel draft = c.draft() == null ? null : draftModel("compressor.draft", c.draft(),
        sessions.get("compressor.draft.file"), files.get("compressor.draft.file"), embedder);
    return new OnnxCompressorModel(env, hidden, c.branchList(), learned, sessions.get("compressor.gate"),
        c.weighted() == null ? 0 : c.weighted().ratio(), sessions.get("compressor.weighted.gate"), draft);
  }

  private OnnxDraftModel draftModel(String role, ModelManifest.Transformer t, OrtSession session, Path file,
      TableEmbedder embedder) {
    boolean keepScalar = isScalar(session, NUM_LOGITS_TO_KEEP);
    boolean topKScalar = isScalar(session, TOP_K);
    int vocab = manifest.sizes().vocab();
    int hidden = manifest.sizes().hidden();
    // two stable rows with top_k = V: the ids must be a permutation of the vocabulary and the probabilities sum to 1
    ProbeRun run = stepProbe(new ProbeRun(env, role, file, "a 2-row step with top_k = sizes.vocab = " + vocab),
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
    ProbeRun step = stepProbe(new ProbeRun(env, role, file, "a 1-row step over 2 cached rows, top_k = 1"), t,
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
      String what = "a " + size + " image, an extreme of the resize rule in specvlm.json";
      float[] pixels = heapFloats(3L * size.height() * size.width(), "the vision test run on " + what);
      new ProbeRun(env, "vision", file, what)
          .input(PIXEL_VALUES, pixels, 1, 3, size.height(), size.width())
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
