package dev.specvlm.onnx;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.specvlm.BackendUnavailableException;
import dev.specvlm.Device;
import org.jspecify.annotations.Nullable;

/**
 * Where sessions run, resolved once per decoder from the requested {@link Device}: CUDA is used only after a probe
 * session on the requested device succeeded; a strict CUDA request that fails is refused with ONNX Runtime's reason,
 * a lenient one falls back to the CPU with one logged warning.
 *
 * @param cudaDevice the CUDA device index, or -1 for the CPU
 */
record ExecutionTarget(int cudaDevice) {
  private static final System.Logger LOG = System.getLogger(ExecutionTarget.class.getName());

  static final ExecutionTarget CPU = new ExecutionTarget(-1);

  /** Resolves {@code device}, probing CUDA when asked for. */
  static ExecutionTarget resolve(OrtEnvironment env, Device device) {
    if (device.kind() == Device.Kind.CPU) {
      return CPU;
    }
    String reason = probeCuda(env, device.index());
    if (reason == null) {
      return new ExecutionTarget(device.index());
    }
    if (device.kind() == Device.Kind.CUDA) {
      throw new BackendUnavailableException("CUDA device " + device.index() + " cannot be used: " + reason
          + ". CUDA needs the com.microsoft.onnxruntime:onnxruntime_gpu:" + OrtAvailability.version()
          + " artifact (not onnxruntime), CUDA 12 and cuDNN 9 libraries on the library path, and an NVIDIA driver;"
          + " or ask for Device.cudaOrCpu(" + device.index() + ") to fall back to the CPU");
    }
    LOG.log(System.Logger.Level.WARNING, "CUDA device " + device.index() + " unavailable, using the CPU: " + reason);
    return CPU;
  }

  /** Null if a session on CUDA device {@code index} can be created, else ONNX Runtime's reason. */
  private static @Nullable String probeCuda(OrtEnvironment env, int index) {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setSessionLogLevel(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
      options.addCUDA(index);
      env.createSession(identityModel(), options).close();
      return null;
    } catch (OrtException | RuntimeException | LinkageError e) {
      return String.valueOf(e.getMessage()).strip();
    }
  }

  /** A one-node model (y = Identity(x), float [1]) for probing an execution provider. */
  private static byte[] identityModel() {
    OnnxMl.TypeProto type = OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
        .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
        .setShape(OnnxMl.TensorShapeProto.newBuilder()
            .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(1)))).build();
    OnnxMl.GraphProto graph = OnnxMl.GraphProto.newBuilder().setName("probe")
        .addNode(OnnxMl.NodeProto.newBuilder().setOpType("Identity").addInput("x").addOutput("y"))
        .addInput(OnnxMl.ValueInfoProto.newBuilder().setName("x").setType(type))
        .addOutput(OnnxMl.ValueInfoProto.newBuilder().setName("y").setType(type)).build();
    return OnnxMl.ModelProto.newBuilder().setIrVersion(10).setGraph(graph)
        .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setVersion(21)).build().toByteArray();
  }

  boolean isCuda() {
    return cudaDevice >= 0;
  }

  /** {@code "cpu"} or {@code "cuda:n"}. */
  @Override
  public String toString() {
    return isCuda() ? "cuda:" + cudaDevice : "cpu";
  }
}
