package dev.specvlm.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.specvlm.Device;
import dev.specvlm.GenerationConfig;
import dev.specvlm.Prompt;
import dev.specvlm.SpecDecoder;
import dev.specvlm.SpeculationMode;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CUDA gives the CPU's greedy tokens. Runs only where a CUDA session can be created (the onnxruntime_gpu artifact,
 * {@code mvn -Pgpu}, CUDA 12 and cuDNN 9 libraries and a GPU); skipped everywhere else, never faked.
 */
class CudaParityTest {
  @TempDir Path dir;

  @Test
  void generate_onCuda_matchesCpuGreedyTokens() {
    assumeTrue(ExecutionTargetTest.cudaUsable(), "no usable CUDA device 0 on this machine");
    Path model = TestModels.writePredictable(dir, 61, 0.15f);
    GenerationConfig greedy = GenerationConfig.builder().maxNewTokens(24).temperature(0).build();
    try (SpecDecoder cpu = SpecDecoder.builder().modelDir(model).device(Device.cpu()).build();
        SpecDecoder cuda = SpecDecoder.builder().modelDir(model).device(Device.cuda(0)).build()) {
      assertEquals("cuda:0", cuda.modelInfo().executionDevice());
      Random random = new Random(5);
      int[][] sizes = {{40, 40}, {64, 96}, {120, 80}};
      for (int i = 0; i < 6; i++) {
        Prompt p = OnnxEndToEndTest.prompt(random, sizes[i % 3]);
        for (SpeculationMode mode : new SpeculationMode[] {SpeculationMode.AR, SpeculationMode.DYNAMIC_TREE}) {
          GenerationConfig config = greedy.toBuilder().speculation(mode).build();
          assertArrayEquals(cpu.generate(p, config).tokenIds(), cuda.generate(p, config).tokenIds(),
              "prompt " + i + " " + mode);
        }
      }
    }
  }
}
