package dev.specvlm.train.export;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.specvlm.ModelLoadException;
import dev.specvlm.onnx.graph.Float16;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads frozen weights out of a target's ONNX file: the LM head that produces {@code logits}, found by walking the
 * graph back from that output, whatever the exporter named it. Handles float32 and float16 storage (with its
 * {@code Cast}), {@code MatMul} ({@code [H, V]}) and {@code Gemm} / {@code Transpose} ({@code [V, H]}) layouts, and
 * external data files.
 */
public final class OnnxInitializers {
  private final Path file;
  private final Map<String, NodeProto> producers = new HashMap<>();
  private final Map<String, TensorProto> initializers = new HashMap<>();

  private OnnxInitializers(Path file, GraphProto graph) {
    this.file = file;
    for (NodeProto node : graph.getNodeList()) {
      for (String out : node.getOutputList()) {
        producers.put(out, node);
      }
    }
    for (TensorProto t : graph.getInitializerList()) {
      initializers.put(t.getName(), t);
    }
  }

  /** Parses {@code file} (without loading external data yet). */
  public static OnnxInitializers read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return new OnnxInitializers(file, ModelProto.parseFrom(in).getGraph());
    } catch (IOException e) {
      throw new ModelLoadException("cannot read ONNX file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The LM head in PyTorch layout {@code [V, H]}: the weight of the {@code MatMul}/{@code Gemm} that produces the
   * graph output {@code output} (e.g. {@code logits}).
   *
   * @throws ModelLoadException if the output does not come from a linear layer over a constant weight
   */
  public float[] lmHead(String output, int vocab, int hidden) {
    String value = output;
    for (int hops = 0; hops < 16; hops++) {
      NodeProto node = producers.get(value);
      if (node == null) {
        break;
      }
      switch (node.getOpType()) {
        case "MatMul" -> {
          return weight(node.getInput(1), false, vocab, hidden);
        }
        case "Gemm" -> {
          boolean transB = node.getAttributeList().stream()
              .anyMatch(a -> a.getName().equals("transB") && a.getI() == 1);
          return weight(node.getInput(1), transB, vocab, hidden);
        }
        case "Reshape", "Identity", "Cast", "Slice", "Squeeze", "Unsqueeze" -> value = node.getInput(0);
        default -> throw notFound(output, "it comes from a " + node.getOpType() + " node (" + node.getName() + ")");
      }
    }
    throw notFound(output, "no MatMul or Gemm produces it");
  }

  /** The weight feeding a linear layer, as {@code [V, H]}; {@code vocabMajor} when it is stored {@code [V, H]}. */
  private float[] weight(String name, boolean vocabMajor, int vocab, int hidden) {
    String value = name;
    for (int hops = 0; hops < 8; hops++) {
      TensorProto t = initializers.get(value);
      if (t != null) {
        float[] data = values(t);
        if (data.length != (long) vocab * hidden) {
          throw new ModelLoadException("LM head " + t.getName() + " in " + file + " has " + data.length
              + " values, expected vocab " + vocab + " x hidden " + hidden);
        }
        return vocabMajor ? data : transpose(data, hidden, vocab);
      }
      NodeProto node = producers.get(value);
      if (node == null) {
        break;
      }
      switch (node.getOpType()) {
        case "Cast", "Identity" -> value = node.getInput(0);
        case "Transpose" -> {
          vocabMajor = !vocabMajor;
          value = node.getInput(0);
        }
        default -> throw new ModelLoadException("the LM head weight " + name + " in " + file + " is computed by a "
            + node.getOpType() + " node; the distiller needs it as a constant initializer (optionally through Cast"
            + " or Transpose)");
      }
    }
    throw new ModelLoadException("the LM head weight " + name + " in " + file + " is not an initializer");
  }

  /** {@code [rows, cols]} → {@code [cols, rows]}. */
  private static float[] transpose(float[] data, int rows, int cols) {
    float[] out = new float[data.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[c * rows + r] = data[r * cols + c];
      }
    }
    return out;
  }

  private float[] values(TensorProto t) {
    int type = t.getDataType();
    ByteBuffer raw = rawBytes(t);
    if (type == TensorProto.DataType.FLOAT_VALUE) {
      if (raw != null) {
        float[] v = new float[raw.remaining() / 4];
        raw.asFloatBuffer().get(v);
        return v;
      }
      float[] v = new float[t.getFloatDataCount()];
      for (int i = 0; i < v.length; i++) {
        v[i] = t.getFloatData(i);
      }
      return v;
    }
    if (type == TensorProto.DataType.FLOAT16_VALUE) {
      if (raw != null) {
        float[] v = new float[raw.remaining() / 2];
        for (int i = 0; i < v.length; i++) {
          v[i] = Float16.toFloat(raw.getShort());
        }
        return v;
      }
      float[] v = new float[t.getInt32DataCount()];
      for (int i = 0; i < v.length; i++) {
        v[i] = Float16.toFloat((short) t.getInt32Data(i));
      }
      return v;
    }
    throw new ModelLoadException("initializer " + t.getName() + " in " + file + " has ONNX data type " + type
        + "; the distiller reads float32 and float16 weights");
  }

  private @Nullable ByteBuffer rawBytes(TensorProto t) {
    if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
      Map<String, String> entries = new HashMap<>();
      for (StringStringEntryProto e : t.getExternalDataList()) {
        entries.put(e.getKey(), e.getValue());
      }
      Path data = file.resolveSibling(entries.getOrDefault("location", ""));
      long offset = Long.parseLong(entries.getOrDefault("offset", "0"));
      try (RandomAccessFile in = new RandomAccessFile(data.toFile(), "r")) {
        long length = Long.parseLong(entries.getOrDefault("length", Long.toString(in.length() - offset)));
        byte[] bytes = new byte[Math.toIntExact(length)];
        in.seek(offset);
        in.readFully(bytes);
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      } catch (IOException e) {
        throw new ModelLoadException("cannot read external data of " + t.getName() + " from " + data + ": "
            + e.getMessage(), e);
      }
    }
    if (t.getRawData().isEmpty()) {
      return null;
    }
    return t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
  }

  private ModelLoadException notFound(String output, String why) {
    return new ModelLoadException("cannot find the LM head behind output '" + output + "' of " + file + ": " + why
        + "; the distiller reads the head from the MatMul or Gemm that produces the logits");
  }
}
