package dev.specvlm;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SpecDecoderBuilderTest {

  @Test
  void build_withoutModelDir_saysWhatToSet() {
    InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> SpecDecoder.builder().build());
    assertTrue(e.getMessage().contains("modelDir"), e.getMessage());
  }

  @Test
  void build_withoutBackend_namesTheArtifactToAdd() {
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
        () -> SpecDecoder.builder().modelDir(Path.of("models/x")).build());
    assertTrue(e.getMessage().contains("specvlm-onnx"), e.getMessage());
  }

  @Test
  void intraOpThreads_negative_isRefused() {
    assertThrows(InvalidRequestException.class, () -> SpecDecoder.builder().intraOpThreads(-1));
  }

  @Test
  void device_factories_describeThemselves() {
    assertTrue(Device.cpu().toString().equals("cpu"));
    assertTrue(Device.cuda(1).toString().equals("cuda:1"));
    assertThrows(InvalidRequestException.class, () -> Device.cudaOrCpu(-1));
  }
}
