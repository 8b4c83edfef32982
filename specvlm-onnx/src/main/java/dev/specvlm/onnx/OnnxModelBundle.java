package dev.specvlm.onnx;

import ai.onnxruntime.OrtSession;
import dev.specvlm.Device;
import dev.specvlm.GraphOptimization;
import dev.specvlm.core.model.CompressorModel;
import dev.specvlm.core.model.DraftModel;
import dev.specvlm.core.model.Embedder;
import dev.specvlm.core.model.ModelBundle;
import dev.specvlm.core.model.ModelSpec;
import dev.specvlm.core.model.TargetModel;
import dev.specvlm.core.model.Tokenizer;
import dev.specvlm.core.model.VisionEncoder;
import dev.specvlm.spi.DecoderOptions;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A model folder loaded on ONNX Runtime: the {@link ModelBundle} the engine drives. Loading validates everything up
 * front (manifest, paths, tensor contract, sizes, test runs), so a bundle that loads does not fail later for a reason
 * that could have been checked. Thread-safe; sessions are shared by all generations. {@link #close()} releases the
 * sessions and the tokenizer and is idempotent.
 */
public final class OnnxModelBundle implements ModelBundle {
  private final ModelManifest manifest;
  private final ModelSpec spec;
  private final HfTokenizer tokenizer;
  private final @Nullable VisionEncoder vision;
  private final Embedder embedder;
  private final TargetModel target;
  private final @Nullable DraftModel draft;
  private final @Nullable CompressorModel compressor;
  private final List<OrtSession> sessions;
  private final String device;
  private boolean closed;

  OnnxModelBundle(ModelManifest manifest, HfTokenizer tokenizer, @Nullable VisionEncoder vision, Embedder embedder,
      TargetModel target, @Nullable DraftModel draft, @Nullable CompressorModel compressor, List<OrtSession> sessions,
      String device) {
    this.manifest = manifest;
    this.spec = manifest.toSpec();
    this.tokenizer = tokenizer;
    this.vision = vision;
    this.embedder = embedder;
    this.target = target;
    this.draft = draft;
    this.compressor = compressor;
    this.sessions = List.copyOf(sessions);
    this.device = device;
  }

  /**
   * Loads the model folder {@code options.modelDir()} with the options' device, threads, optimization level, cache and
   * custom-operator libraries.
   *
   * @throws dev.specvlm.ModelLoadException if the folder breaks the model-folder contract (the message names the file,
   *     the tensor or field, what was expected and what was found)
   * @throws dev.specvlm.BackendUnavailableException if ONNX Runtime or the requested device cannot be used
   */
  public static OnnxModelBundle load(DecoderOptions options) {
    // before ModelLoader: linking it needs ONNX Runtime's classes; without them it would fail as NoClassDefFoundError
    OrtAvailability.check();
    return ModelLoader.load(options);
  }

  /** Loads {@code modelDir} on the CPU with default options. */
  public static OnnxModelBundle load(Path modelDir) {
    return load(new DecoderOptions(modelDir, Device.cpu(), 0, GraphOptimization.ALL, null, List.of(), null));
  }

  /** The manifest the bundle was loaded from. */
  public ModelManifest manifest() {
    return manifest;
  }

  @Override
  public ModelSpec spec() {
    return spec;
  }

  @Override
  public Tokenizer tokenizer() {
    return tokenizer;
  }

  @Override
  public @Nullable VisionEncoder vision() {
    return vision;
  }

  @Override
  public Embedder embedder() {
    return embedder;
  }

  @Override
  public TargetModel target() {
    return target;
  }

  @Override
  public @Nullable DraftModel draft() {
    return draft;
  }

  @Override
  public @Nullable CompressorModel compressor() {
    return compressor;
  }

  @Override
  public String executionDevice() {
    return device;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    sessions.forEach(SessionFactory::close);
    tokenizer.close();
  }
}
