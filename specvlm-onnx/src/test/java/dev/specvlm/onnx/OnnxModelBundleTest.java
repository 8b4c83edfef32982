package dev.specvlm.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.ContextLengthException;
import dev.specvlm.ImageInput;
import dev.specvlm.core.model.VisualFeatures;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxModelBundleTest {
  @TempDir Path dir;

  @Test
  void load_fixtureFolder_exposesSpecAndRoles() {
    long sessions = NativeResources.liveSessions();
    try (OnnxModelBundle bundle = OnnxModelBundle.load(TestModels.options(TestModels.write(dir, 1)))) {
      assertEquals(TestModels.manifest().toSpec(), bundle.spec());
      assertEquals("cpu", bundle.executionDevice());
      assertNotNull(bundle.draft());
      assertNotNull(bundle.vision());
      assertEquals(TestModels.TOKENIZER_WORDS, bundle.tokenizer().vocabSize());
      assertEquals(sessions + 3, NativeResources.liveSessions()); // decoder, draft, vision; embed closed after load
      int[] ids = bundle.tokenizer().encode("the cat is on the left .");
      assertArrayEquals(new int[] {4, 6, 13, 14, 4, 15, 23}, ids);
      assertEquals("the cat is on the left .", bundle.tokenizer().decode(ids, 0, ids.length));
      assertEquals("cat is", bundle.tokenizer().decode(ids, 1, 3));
    }
    assertEquals(sessions, NativeResources.liveSessions());
    assertEquals(0, NativeResources.liveTensors());
    assertEquals(0, NativeResources.liveResults());
  }

  @Test
  void embed_matchesTheEmbedGraphRowByRow() {
    try (OnnxModelBundle bundle = OnnxModelBundle.load(TestModels.options(TestModels.write(dir, 2)))) {
      int h = bundle.spec().hiddenSize();
      float[] out = new float[3 * h];
      bundle.embedder().embed(new int[] {9, 255, 0, 7}, 1, 3, out, 0);
      var weights = dev.specvlm.onnx.reference.ReferenceWeights.random(TestModels.CONFIG, 2);
      float[] table = weights.data(dev.specvlm.onnx.reference.WeightNames.EMBED_TOKENS);
      for (int i = 0; i < 3; i++) {
        int id = new int[] {255, 0, 7}[i];
        for (int j = 0; j < h; j++) {
          assertEquals(table[id * h + j], out[i * h + j], 0f);
        }
      }
      assertThrows(dev.specvlm.InvalidRequestException.class,
          () -> bundle.embedder().embed(new int[] {256}, 0, 1, out, 0));
    }
  }

  @Test
  void vision_tokensFollowTheResizeRule() {
    try (OnnxModelBundle bundle = OnnxModelBundle.load(TestModels.options(TestModels.write(dir, 3)))) {
      for (int[] size : new int[][] {{40, 40}, {30, 90}, {500, 300}}) {
        BufferedImage image = new BufferedImage(size[1], size[0], BufferedImage.TYPE_INT_RGB);
        VisualFeatures f = bundle.vision().encode(ImageInput.of(image));
        var expected = TestModels.manifest().vision().image().encoderInputSize(
            new dev.specvlm.onnx.image.ImageSize(size[0], size[1]));
        assertEquals(expected.height() / 4, f.gridHeight());
        assertEquals(expected.width() / 4, f.gridWidth());
        assertEquals(f.gridHeight() * f.gridWidth(), f.tokens());
        assertEquals(f.tokens() * 64, f.embeddings().length);
      }
    }
    assertEquals(0, NativeResources.liveTensors());
  }

  @Test
  void newState_beyondContextLength_isRefused() {
    try (OnnxModelBundle bundle = OnnxModelBundle.load(TestModels.options(TestModels.write(dir, 4)))) {
      var e = assertThrows(ContextLengthException.class, () -> bundle.target().newState(1025));
      assertTrue(e.getMessage().contains("1024"), e.getMessage());
    }
  }
}
