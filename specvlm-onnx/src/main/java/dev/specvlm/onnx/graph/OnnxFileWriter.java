package dev.specvlm.onnx.graph;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a model to a {@code .onnx} file, either self-contained or with its large initializers moved to an external
 * data file {@code <file name>.data} beside it (the ONNX external-data convention, which ONNX Runtime resolves
 * relative to the model file). External data keeps the protobuf under its 2 GiB limit and lets the runtime map the
 * weights instead of parsing them.
 */
public final class OnnxFileWriter {
  /** Offsets of external tensors are multiples of this (the page size, so ONNX Runtime can map them). */
  static final int EXTERNAL_ALIGNMENT = 4096;

  private OnnxFileWriter() {}

  /** Writes {@code model} self-contained to {@code file} (parent folders are created). */
  public static void write(ModelProto model, Path file) {
    write(model, file, -1);
  }

  /**
   * Writes {@code model} to {@code file}, moving every initializer whose raw data is at least
   * {@code externalThresholdBytes} long into {@code file + ".data"}.
   *
   * @param externalThresholdBytes the smallest tensor (bytes) stored externally, or a negative value for a
   *     self-contained file
   * @throws UncheckedIOException if a file cannot be written
   */
  public static void write(ModelProto model, Path file, long externalThresholdBytes) {
    Path absolute = file.toAbsolutePath();
    try {
      if (absolute.getParent() != null) {
        Files.createDirectories(absolute.getParent());
      }
      ModelProto toWrite = model;
      Path dataFile = absolute.resolveSibling(absolute.getFileName() + ".data");
      if (externalThresholdBytes >= 0) {
        toWrite = moveToExternal(model, dataFile, externalThresholdBytes);
      } else {
        Files.deleteIfExists(dataFile);
      }
      try (OutputStream out = Files.newOutputStream(absolute)) {
        toWrite.writeTo(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write ONNX model " + absolute + ": " + e.getMessage(), e);
    }
  }

  private static ModelProto moveToExternal(ModelProto model, Path dataFile, long threshold) throws IOException {
    GraphProto.Builder graph = model.getGraph().toBuilder();
    String location = dataFile.getFileName().toString();
    long offset = 0;
    boolean any = false;
    try (OutputStream data = Files.newOutputStream(dataFile)) {
      for (int i = 0; i < graph.getInitializerCount(); i++) {
        TensorProto t = graph.getInitializer(i);
        ByteString raw = t.getRawData();
        if (raw.isEmpty() || raw.size() < threshold) {
          continue;
        }
        long padding = (EXTERNAL_ALIGNMENT - offset % EXTERNAL_ALIGNMENT) % EXTERNAL_ALIGNMENT;
        data.write(new byte[(int) padding]);
        offset += padding;
        raw.writeTo(data);
        graph.setInitializer(i, t.toBuilder()
            .clearRawData()
            .setDataLocation(TensorProto.DataLocation.EXTERNAL)
            .addExternalData(entry("location", location))
            .addExternalData(entry("offset", Long.toString(offset)))
            .addExternalData(entry("length", Long.toString(raw.size()))));
        offset += raw.size();
        any = true;
      }
    }
    if (!any) {
      Files.delete(dataFile);
    }
    return model.toBuilder().setGraph(graph).build();
  }

  private static StringStringEntryProto entry(String key, String value) {
    return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
  }
}
