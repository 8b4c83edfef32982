package dev.specvlm.onnx;

import dev.specvlm.BackendUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Checks once per class loader that ONNX Runtime's Java classes and native library load, turning every way that can
 * fail into one {@link BackendUnavailableException} that names the artifact to add. Refers to no ONNX Runtime type
 * itself, so it loads even when the ONNX Runtime jar is missing.
 */
final class OrtAvailability {
  private static final String VERSION = builtAgainst();
  private static volatile boolean loaded;
  private static volatile String failure = "";

  private OrtAvailability() {}

  /** The ONNX Runtime version specvlm was built against. */
  static String version() {
    return VERSION;
  }

  /**
   * Returns normally if ONNX Runtime is usable.
   *
   * @throws BackendUnavailableException naming the artifact to add or the native failure
   */
  static void check() {
    if (loaded) {
      return;
    }
    synchronized (OrtAvailability.class) {
      if (loaded) {
        return;
      }
      if (failure.isEmpty()) {
        failure = tryLoad();
        loaded = failure.isEmpty();
      }
      if (!loaded) {
        throw new BackendUnavailableException(failure);
      }
    }
  }

  private static String tryLoad() {
    try {
      Class.forName("ai.onnxruntime.OrtEnvironment", false, OrtAvailability.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return "ONNX Runtime is not on the class path: add the dependency com.microsoft.onnxruntime:onnxruntime:"
          + VERSION + " (CPU) or com.microsoft.onnxruntime:onnxruntime_gpu:" + VERSION + " (CUDA) next to"
          + " dev.specvlm:specvlm-onnx";
    }
    try {
      OrtRuntime.environment();
      return "";
    } catch (LinkageError | RuntimeException e) {
      Throwable cause = e instanceof ExceptionInInitializerError && e.getCause() != null ? e.getCause() : e;
      return "ONNX Runtime's native library failed to load: " + cause + ". The jars"
          + " com.microsoft.onnxruntime:onnxruntime and onnxruntime_gpu:" + VERSION + " carry natives for"
          + " linux-x64, linux-aarch64 (CPU only) and win-x64; on another platform use an ONNX Runtime build for it,"
          + " or point -Donnxruntime.native.path at a folder holding libonnxruntime and libonnxruntime4j_jni;"
          + " a library already loaded by another class loader cannot be loaded again";
    }
  }

  private static String builtAgainst() {
    Properties p = new Properties();
    try (InputStream in = OrtAvailability.class.getResourceAsStream("build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      return "<version>";
    }
    return p.getProperty("onnxruntime.version", "<version>");
  }
}
