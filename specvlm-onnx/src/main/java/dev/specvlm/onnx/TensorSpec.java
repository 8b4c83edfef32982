package dev.specvlm.onnx;

import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.TensorInfo.OnnxTensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One graph input or output the model contract expects: its name, element type and shape. A dimension is either a
 * fixed size or a symbol (any size, named for messages). {@code scalarOrVector} also accepts rank 0 for a
 * {@code [1]} shape (counters such as {@code num_logits_to_keep}).
 *
 * @param name the tensor name
 * @param type the element type
 * @param dims fixed sizes, or -1 where any size is allowed
 * @param symbols the display name of each dimension
 * @param scalarOrVector whether a rank-0 tensor is accepted in place of shape {@code [1]}
 */
record TensorSpec(String name, OnnxTensorType type, long[] dims, String[] symbols, boolean scalarOrVector) {

  static final OnnxTensorType FLOAT = OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT;
  static final OnnxTensorType INT64 = OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64;

  /** A spec whose dimensions are {@link Integer}s (fixed) or {@link String}s (symbols). */
  static TensorSpec of(String name, OnnxTensorType type, Object... shape) {
    long[] dims = new long[shape.length];
    String[] symbols = new String[shape.length];
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] instanceof Integer n) {
        dims[i] = n;
        symbols[i] = n.toString();
      } else {
        dims[i] = -1;
        symbols[i] = shape[i].toString();
      }
    }
    return new TensorSpec(name, type, dims, symbols, false);
  }

  /** An int64 counter: shape {@code [1]}, or a scalar. */
  static TensorSpec counter(String name) {
    return new TensorSpec(name, INT64, new long[] {1}, new String[] {"1"}, true);
  }

  /** Null if {@code info} satisfies this spec, else what is wrong. */
  @org.jspecify.annotations.Nullable String mismatch(TensorInfo info) {
    if (info.onnxType != type) {
      return "element type";
    }
    long[] shape = info.getShape();
    if (scalarOrVector && shape.length == 0) {
      return null;
    }
    if (shape.length != dims.length) {
      return "rank";
    }
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] >= 0 && shape[i] >= 0 && shape[i] != dims[i]) {
        return "dimension " + i;
      }
    }
    return null;
  }

  /** The expected type and shape, e.g. {@code float32 [1, q, 64]}. */
  String expected() {
    return typeName(type) + " " + String.join(", ", List.of(symbols)).transform(s -> "[" + s + "]")
        + (scalarOrVector ? " (or a scalar)" : "");
  }

  /** The found type and shape, with symbolic dimensions by name. */
  static String describe(TensorInfo info) {
    long[] shape = info.getShape();
    String[] names = info.getDimensionNames();
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] >= 0) {
        parts.add(Long.toString(shape[i]));
      } else {
        parts.add(names != null && i < names.length && !names[i].isEmpty() ? names[i] : "?");
      }
    }
    return typeName(info.onnxType) + " [" + String.join(", ", parts) + "]";
  }

  static String typeName(OnnxTensorType t) {
    return switch (t) {
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> "float32";
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE -> "float64";
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16 -> "float16";
      default -> t.name().substring("ONNX_TENSOR_ELEMENT_DATA_TYPE_".length()).toLowerCase(Locale.ROOT);
    };
  }
}
