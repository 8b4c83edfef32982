package dev.specvlm.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.specvlm.BackendUnavailableException;
import dev.specvlm.Device;
import dev.specvlm.GraphOptimization;
import dev.specvlm.spi.DecoderOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Device selection. The refusal and fallback tests need a machine where CUDA is not usable; they skip elsewhere. */
class ExecutionTargetTest {
  @TempDir Path dir;

  /** Whether a CUDA session can be created on device 0 here. */
  static boolean cudaUsable() {
    OrtAvailability.check();
    try {
      return ExecutionTarget.resolve(OrtRuntime.environment(), Device.cuda(0)).isCuda();
    } catch (BackendUnavailableException e) {
      return false;
    }
  }

  @Test
  void resolve_cpu_isCpu() {
    OrtAvailability.check();
    assertEquals("cpu", ExecutionTarget.resolve(OrtRuntime.environment(), Device.cpu()).toString());
  }

  @Test
  void load_strictCudaWithoutCuda_failsWithTheRuntimesReason() {
    assumeTrue(!cudaUsable(), "CUDA is usable on this machine");
    Path model = TestModels.write(dir, 51);
    var options = new DecoderOptions(model, Device.cuda(0), 1, GraphOptimization.ALL, null, List.of(), null);
    long sessions = NativeResources.liveSessions();
    var e = assertThrows(BackendUnavailableException.class, () -> OnnxModelBundle.load(options));
    assertTrue(e.getMessage().startsWith("CUDA device 0 cannot be used: "), e.getMessage());
    assertTrue(e.getMessage().contains("onnxruntime_gpu") && e.getMessage().contains("cudaOrCpu(0)"),
        e.getMessage());
    // ONNX Runtime's own words follow the prefix (CPU jar: "Failed to find CUDA shared provider"; GPU jar: the
    // library that failed to load)
    assertTrue(e.getMessage().length() > "CUDA device 0 cannot be used: . CUDA needs".length() + 20, e.getMessage());
    assertEquals(sessions, NativeResources.liveSessions());
  }

  @Test
  void load_lenientCudaWithoutCuda_fallsBackWithOneWarning() {
    assumeTrue(!cudaUsable(), "CUDA is usable on this machine");
    Path model = TestModels.write(dir, 52);
    Logger logger = Logger.getLogger(ExecutionTarget.class.getName());
    List<LogRecord> records = new ArrayList<>();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        records.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    logger.addHandler(handler);
    try (OnnxModelBundle bundle = OnnxModelBundle.load(
        new DecoderOptions(model, Device.cudaOrCpu(0), 1, GraphOptimization.ALL, null, List.of(), null))) {
      assertEquals("cpu", bundle.executionDevice());
      assertEquals(1, records.size(), records.toString());
      assertEquals(Level.WARNING, records.get(0).getLevel());
      assertTrue(records.get(0).getMessage().startsWith("CUDA device 0 unavailable, using the CPU: "),
          records.get(0).getMessage());
    } finally {
      logger.removeHandler(handler);
    }
  }
}
