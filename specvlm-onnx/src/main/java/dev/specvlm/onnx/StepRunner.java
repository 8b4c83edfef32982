package dev.specvlm.onnx;

import static dev.specvlm.onnx.reference.TensorNames.*;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.specvlm.InferenceException;
import dev.specvlm.core.model.AttentionMask;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * The mechanics shared by target and draft steps of one generation: reusable direct buffers for the step inputs
 * (embeddings, positions, mask, counters) that grow only when a larger step than ever before arrives, the KV cache,
 * and one {@code run} with zero-copy inputs and pinned outputs. Not thread-safe: one generation, one thread.
 */
final class StepRunner implements AutoCloseable {
  private final String role;
  private final OrtSession session;
  private final int hidden;
  private final int contextLength;
  final KvCache kv;
  private final Tensors.Scope scope;
  private final Map<String, OnnxTensor> inputs = new HashMap<>();
  private final Map<String, OnnxTensor> outputs = new HashMap<>();
  private final LongBuffer counters = Tensors.longs(2); // [num_logits_to_keep, top_k]
  private FloatBuffer embeds = Tensors.floats(1); // [q, H]
  private FloatBuffer features = Tensors.floats(1); // [q, H] (draft only)
  private LongBuffer positions = Tensors.longs(1); // [q]
  private FloatBuffer mask = Tensors.floats(1); // [q, past + q]
  private boolean closed;

  StepRunner(String role, OrtEnvironment env, OrtSession session, int hidden, int contextLength, KvCache kv) {
    this.role = role;
    this.session = session;
    this.hidden = hidden;
    this.contextLength = contextLength;
    this.kv = kv;
    this.scope = new Tensors.Scope(env);
  }

  /** A buffer holding at least {@code n} floats: {@code b} itself, or a larger one (1.5× growth). */
  static FloatBuffer ensure(FloatBuffer b, long n) {
    return b.capacity() >= n ? b : Tensors.floats(Math.max(n, b.capacity() + (b.capacity() >> 1)));
  }

  static LongBuffer ensure(LongBuffer b, long n) {
    return b.capacity() >= n ? b : Tensors.longs(Math.max(n, b.capacity() + (b.capacity() >> 1)));
  }

  void checkOpen(String type) {
    if (closed) {
      throw new IllegalStateException(type + " is closed");
    }
  }

  /**
   * Stages the common inputs of a step of {@code q} rows over the whole cache: embeddings, positions, the mask after
   * an always-visible prefix of {@code kv.length() - (mask.cols() - q)} rows, and the past KV.
   */
  void stage(float[] embedRows, int q, int[] positionIds, AttentionMask mask) throws OrtException {
    int past = kv.length();
    if (q < 1 || mask.rows() != q || mask.cols() < q || mask.cols() - q > past) {
      throw new IllegalArgumentException(role + " step of " + q + " rows got a " + mask.rows() + "x" + mask.cols()
          + " mask over " + past + " cached rows");
    }
    if (past + q > kv.capacity()) {
      throw new IllegalStateException(role + " KV cache is full: " + past + " + " + q + " rows > capacity "
          + kv.capacity());
    }
    int n = q * hidden;
    embeds = ensure(embeds, n);
    embeds.put(0, embedRows, 0, n);
    positions = ensure(positions, q);
    for (int i = 0; i < q; i++) {
      int p = positionIds[i];
      if (p < 0 || p >= contextLength) {
        throw new IllegalArgumentException(role + " position id " + p + " at row " + i + " is outside [0, "
            + contextLength + ") (the model's context length)");
      }
      positions.put(i, p);
    }
    int total = past + q;
    this.mask = ensure(this.mask, (long) q * total);
    MaskWriter.write(this.mask, mask, past + q - mask.cols());
    inputs.clear();
    outputs.clear();
    inputs.put(INPUTS_EMBEDS, scope.view(embeds, 1, q, hidden));
    inputs.put(POSITION_IDS, scope.view(positions, 1, q));
    inputs.put(ATTENTION_MASK, scope.view(this.mask, 1, 1, q, total));
    int layers = kv.slabs() / 2;
    for (int l = 0; l < layers; l++) {
      inputs.put(pastKey(l), scope.view(kv.past(2 * l), 1, kv.kvHeads(), past, kv.headDim()));
      inputs.put(pastValue(l), scope.view(kv.past(2 * l + 1), 1, kv.kvHeads(), past, kv.headDim()));
      outputs.put(presentKey(l), scope.view(kv.present(2 * l), 1, kv.kvHeads(), total, kv.headDim()));
      outputs.put(presentValue(l), scope.view(kv.present(2 * l + 1), 1, kv.kvHeads(), total, kv.headDim()));
    }
  }

  /** Stages the draft's {@code features [1, q, H]} input. */
  void stageFeatures(float[] featureRows, int q) throws OrtException {
    int n = q * hidden;
    features = ensure(features, n);
    features.put(0, featureRows, 0, n);
    inputs.put(FEATURES, scope.view(features, 1, q, hidden));
  }

  /** Stages counter {@code slot} (0: num_logits_to_keep, 1: top_k) as {@code [1]}, or as a scalar if so declared. */
  void stageCounter(String name, int slot, long value, boolean scalar) throws OrtException {
    counters.put(slot, value);
    LongBuffer one = counters.slice(slot, 1);
    inputs.put(name, scalar ? scope.view(one) : scope.view(one, 1));
  }

  /** Pins output {@code name} to the start of {@code buffer} with {@code shape}. */
  void pin(String name, FloatBuffer buffer, long... shape) throws OrtException {
    outputs.put(name, scope.view(buffer, shape));
  }

  void pin(String name, LongBuffer buffer, long... shape) throws OrtException {
    outputs.put(name, scope.view(buffer, shape));
  }

  /** Runs the staged step, then closes every tensor of it; the present rows become the cache's front. */
  void run(int q) throws OrtException {
    try {
      NativeResources.RESULTS.incrementAndGet();
      try {
        session.run(inputs, outputs).close(); // the outputs were written into the pinned buffers
      } finally {
        NativeResources.RESULTS.decrementAndGet();
      }
    } finally {
      inputs.clear();
      outputs.clear();
      scope.close();
    }
    kv.appended(q);
  }

  /** Closes what a failed staging left open. */
  void abandon() {
    inputs.clear();
    outputs.clear();
    scope.close();
  }

  InferenceException failure(int q, int[] positionIds, Exception e) {
    return new InferenceException(role + " model failed on a step of " + q + " rows at positions "
        + positionIds[0] + ".." + positionIds[q - 1] + ": " + e.getMessage(), e);
  }

  /**
   * Copies {@code n} floats from {@code src} into {@code dst}, refusing NaN and +∞ (and −∞ unless
   * {@code scores}: a logit of −∞ is an impossible token) with the role, row and position; {@code rowWidth} and
   * {@code firstRow} map an index to its row.
   */
  void copyChecked(FloatBuffer src, float[] dst, int n, String what, boolean scores, int rowWidth, int firstRow,
      int[] positionIds) {
    copyChecked(role, src, dst, n, what, scores, rowWidth, firstRow, positionIds);
  }

  static void copyChecked(String role, FloatBuffer src, float[] dst, int n, String what, boolean scores,
      int rowWidth, int firstRow, int[] positionIds) {
    src.get(0, dst, 0, n);
    float probe = 0f;
    for (int i = 0; i < n; i++) {
      probe += dst[i] * 0f; // NaN iff some value is NaN or infinite
    }
    if (probe != 0f) {
      for (int i = 0; i < n; i++) {
        float v = dst[i];
        if (!Float.isFinite(v) && !(scores && v == Float.NEGATIVE_INFINITY)) {
          int row = firstRow + i / rowWidth;
          throw new InferenceException(role + " model produced " + v + " in " + what + " of row " + row
              + " (position " + positionIds[row] + "), column " + i % rowWidth
              + "; check the exported graph's precision (fp16 overflow) and its inputs");
        }
      }
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      abandon();
    }
  }
}
