package dev.specvlm.onnx.reference;

import dev.specvlm.onnx.graph.WeightStorage;
import java.util.Objects;

/**
 * How the reference graphs are written.
 *
 * @param attention the attention operators (see {@link AttentionKind})
 * @param weightStorage float32, or float16 weights with a {@code Cast} that ONNX Runtime folds at load
 * @param externalDataThresholdBytes tensors of at least this many bytes go to an external {@code <file>.data} file;
 *     negative for self-contained files
 */
public record WriterOptions(AttentionKind attention, WeightStorage weightStorage, long externalDataThresholdBytes) {

  /** Validates. */
  public WriterOptions {
    Objects.requireNonNull(attention, "attention");
    Objects.requireNonNull(weightStorage, "weightStorage");
  }

  /** {@link AttentionKind#MULTI_HEAD}, float32 weights, self-contained files. */
  public static WriterOptions defaults() {
    return new WriterOptions(AttentionKind.MULTI_HEAD, WeightStorage.FLOAT32, -1);
  }

  /** A copy with another attention kind. */
  public WriterOptions withAttention(AttentionKind kind) {
    return new WriterOptions(kind, weightStorage, externalDataThresholdBytes);
  }

  /** A copy with another weight storage. */
  public WriterOptions withWeightStorage(WeightStorage storage) {
    return new WriterOptions(attention, storage, externalDataThresholdBytes);
  }

  /** A copy that stores tensors of at least {@code bytes} externally (negative: self-contained). */
  public WriterOptions withExternalDataThreshold(long bytes) {
    return new WriterOptions(attention, weightStorage, bytes);
  }
}
