package dev.specvlm.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import dev.specvlm.ModelLoadException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Lists the external data files an ONNX file refers to (tensors with {@code data_location = EXTERNAL}), by streaming
 * over the protobuf and skipping tensor bytes, so even a large self-contained model is scanned in constant memory.
 * Looks at initializers, sparse initializers and tensor attributes of nodes, in subgraphs and functions too.
 *
 * <p>Field numbers follow {@code onnx.proto} (ModelProto.graph = 7, functions = 25; GraphProto.node = 1,
 * initializer = 5, sparse_initializer = 15; NodeProto.attribute = 5; AttributeProto t = 5, g = 6, tensors = 10,
 * graphs = 11, sparse_tensor = 22, sparse_tensors = 23; FunctionProto.node = 7; SparseTensorProto values = 1,
 * indices = 2; TensorProto.external_data = 13; StringStringEntryProto key = 1, value = 2).
 */
final class ExternalDataScan {
  private static final int MAX_DEPTH = 64;

  private final Set<String> locations = new LinkedHashSet<>();

  private ExternalDataScan() {}

  /**
   * The distinct {@code location} values of the external tensors in {@code file}, relative to its folder.
   *
   * @throws ModelLoadException if the file is not a readable ONNX protobuf
   */
  static Set<String> locations(String role, Path file) {
    ExternalDataScan scan = new ExternalDataScan();
    try (InputStream in = Files.newInputStream(file)) {
      CodedInputStream coded = CodedInputStream.newInstance(in);
      coded.setSizeLimit(Integer.MAX_VALUE);
      scan.model(coded);
    } catch (IOException | RuntimeException e) {
      throw new ModelLoadException(role + " file " + file + " is not a valid ONNX model (protobuf): " + e.getMessage(),
          e);
    }
    return scan.locations;
  }

  private interface FieldReader {
    /** Reads field {@code number} (length-delimited) or returns false to skip it. */
    boolean read(int number, CodedInputStream in, int depth) throws IOException;
  }

  private void message(CodedInputStream in, int depth, FieldReader fields) throws IOException {
    if (depth > MAX_DEPTH) {
      throw new IOException("graphs nested more than " + MAX_DEPTH + " deep");
    }
    while (true) {
      int tag = in.readTag();
      if (tag == 0) {
        return;
      }
      int number = WireFormat.getTagFieldNumber(tag);
      if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        int length = in.readRawVarint32();
        int limit = in.pushLimit(length);
        if (!fields.read(number, in, depth + 1)) {
          in.skipRawBytes(in.getBytesUntilLimit());
        }
        in.popLimit(limit);
      } else if (!in.skipField(tag)) {
        return;
      }
    }
  }

  private void model(CodedInputStream in) throws IOException {
    message(in, 0, (n, s, d) -> switch (n) {
      case 7 -> graph(s, d);
      case 25 -> function(s, d);
      default -> false;
    });
  }

  private boolean graph(CodedInputStream in, int depth) throws IOException {
    message(in, depth, (n, s, d) -> switch (n) {
      case 1 -> node(s, d);
      case 5 -> tensor(s, d);
      case 15 -> sparseTensor(s, d);
      default -> false;
    });
    return true;
  }

  private boolean function(CodedInputStream in, int depth) throws IOException {
    message(in, depth, (n, s, d) -> n == 7 && node(s, d));
    return true;
  }

  private boolean node(CodedInputStream in, int depth) throws IOException {
    message(in, depth, (n, s, d) -> n == 5 && attribute(s, d));
    return true;
  }

  private boolean attribute(CodedInputStream in, int depth) throws IOException {
    message(in, depth, (n, s, d) -> switch (n) {
      case 5, 10 -> tensor(s, d);
      case 6, 11 -> graph(s, d);
      case 22, 23 -> sparseTensor(s, d);
      default -> false;
    });
    return true;
  }

  private boolean sparseTensor(CodedInputStream in, int depth) throws IOException {
    message(in, depth, (n, s, d) -> (n == 1 || n == 2) && tensor(s, d));
    return true;
  }

  private boolean tensor(CodedInputStream in, int depth) throws IOException {
    message(in, depth, (n, s, d) -> n == 13 && externalEntry(s, d));
    return true;
  }

  private boolean externalEntry(CodedInputStream in, int depth) throws IOException {
    String[] kv = new String[2];
    message(in, depth, (n, s, d) -> {
      if (n == 1 || n == 2) {
        kv[n - 1] = new String(s.readRawBytes(s.getBytesUntilLimit()), StandardCharsets.UTF_8);
        return true;
      }
      return false;
    });
    if ("location".equals(kv[0]) && kv[1] != null) {
      locations.add(kv[1]);
    }
    return true;
  }
}
