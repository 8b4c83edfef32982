package dev.specvlm.onnx.reference;

import static dev.specvlm.onnx.reference.Fixtures.*;
import static dev.specvlm.onnx.reference.TensorNames.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The embed graph returns the embedding rows of its ids, exactly. */
class EmbedParityTest {
  private static final ReferenceWeights WEIGHTS = ReferenceWeights.random(ReferenceConfig.tiny(), 8);

  @Test
  void embed_returnsTheRowsOfTheIds() throws Exception {
    long[] ids = {0, 255, 17, 17, 3};
    try (OrtModel model = OrtModel.of(ReferenceModelWriter.embed(WEIGHTS, WriterOptions.defaults()))) {
      OrtModel.Outputs out = model.run(new OrtModel.Inputs().longs(INPUT_IDS, ids, 1, ids.length));
      assertArrayEquals(new long[] {1, ids.length, 64}, out.shape(INPUTS_EMBEDS));
      assertArrayEquals(flat(new ReferenceVlm(WEIGHTS).embed(ids)), out.floats(INPUTS_EMBEDS));
    }
  }
}
