package dev.specvlm.onnx;

import static dev.specvlm.onnx.reference.TensorNames.IMAGE_EMBEDS;
import static dev.specvlm.onnx.reference.TensorNames.PIXEL_VALUES;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.specvlm.ImageInput;
import dev.specvlm.InferenceException;
import dev.specvlm.core.model.VisionEncoder;
import dev.specvlm.core.model.VisualFeatures;
import dev.specvlm.onnx.image.ImagePreprocessor;
import dev.specvlm.onnx.image.PreprocessedImage;
import java.util.Map;
import java.util.Set;

/** The vision encoder on ONNX Runtime, behind the model's image preprocessing. Thread-safe. */
final class OnnxVisionEncoder implements VisionEncoder {
  private final OrtEnvironment env;
  private final OrtSession session;
  private final ImagePreprocessor preprocessor;
  private final int hidden;

  OnnxVisionEncoder(OrtEnvironment env, OrtSession session, ImagePreprocessor preprocessor, int hidden) {
    this.env = env;
    this.session = session;
    this.preprocessor = preprocessor;
    this.hidden = hidden;
  }

  @Override
  public VisualFeatures encode(ImageInput image) {
    PreprocessedImage p = preprocessor.preprocess(image);
    int tokens = p.tokens();
    float[] embeddings = new float[tokens * hidden]; // [N, H]
    String what = "a " + p.size() + " image (" + image + ")";
    try (Tensors.Scope scope = new Tensors.Scope(env)) {
      OnnxTensor pixels = scope.copyOf(p.pixels(), 1, 3, p.size().height(), p.size().width());
      NativeResources.RESULTS.incrementAndGet();
      try (OrtSession.Result result = session.run(Map.of(PIXEL_VALUES, pixels), Set.of(IMAGE_EMBEDS))) {
        OnnxValue value = result.get(IMAGE_EMBEDS).orElseThrow();
        long[] shape = ((OnnxTensor) value).getInfo().getShape();
        if (shape.length != 3 || shape[0] != 1 || shape[1] != tokens || shape[2] != hidden) {
          throw new InferenceException("vision model returned image_embeds of shape " + java.util.Arrays.toString(shape)
              + " for " + what + "; expected [1, " + tokens + ", " + hidden + "] (" + p.gridHeight() + " x "
              + p.gridWidth() + " grid)");
        }
        ((OnnxTensor) value).getFloatBuffer().get(embeddings);
      } finally {
        NativeResources.RESULTS.decrementAndGet();
      }
    } catch (OrtException e) {
      throw new InferenceException("vision model failed on " + what + ": " + e.getMessage(), e);
    }
    for (int i = 0; i < embeddings.length; i++) {
      if (!Float.isFinite(embeddings[i])) {
        throw new InferenceException("vision model produced " + embeddings[i] + " for visual token " + i / hidden
            + " of " + what + ", column " + i % hidden);
      }
    }
    return new VisualFeatures(embeddings, tokens, p.gridHeight(), p.gridWidth());
  }
}
