package dev.specvlm.bench.e2e;

import dev.specvlm.onnx.TestModels;
import dev.specvlm.onnx.reference.ReferenceConfig;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/** Fixture model and prompt folders for the harness tests. */
final class Fixtures {
  private Fixtures() {}

  /** The ONNX fixture whose draft predicts its target well (so σ is above 1), written into {@code dir}. */
  static Path model(Path dir) {
    return TestModels.writePredictable(dir, 42, 0.15f);
  }

  /**
   * The same kind of fixture with a deeper, wider target (H = 512, 8 layers, 8 heads over 4 KV heads of 64, SwiGLU
   * 1376; 23 M parameters) whose layers add less context (0.05): its forward costs several draft forwards (one layer
   * and a 256-token head), as in real model pairs, so speculation can pay. About 50 MB; for manual runs, not tests.
   */
  static Path deepModel(Path dir) {
    ReferenceConfig deep = TestModels.CONFIG.toBuilder().hiddenSize(512).numLayers(8).numHeads(8).numKvHeads(4)
        .headDim(64).ffnSize(1376).build();
    return TestModels.writePredictable(dir, deep, 42, 0.05f);
  }

  /**
   * A prompt folder of {@code count} prompts whose images cycle through 32×32, 64×64 and 96×96 pixels (64, 256 and
   * 576 visual tokens at the fixture's patch size of 4), with questions in the fixture tokenizer's words.
   */
  static Path prompts(Path dir, int count) {
    int[] sides = {32, 64, 96};
    String[] questions = {"describe the image .", "what color is the square ?", "what shape is left of the circle ?"};
    Random random = new Random(5);
    StringBuilder lines = new StringBuilder();
    try {
      Files.createDirectories(dir.resolve("images"));
      for (int i = 0; i < count; i++) {
        int side = sides[i % sides.length];
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(random.nextInt(1 << 24)));
        g.fillRect(0, 0, side, side);
        g.setColor(new Color(random.nextInt(1 << 24)));
        g.fillOval(side / 4, side / 4, side / 2, side / 2);
        g.dispose();
        String name = "images/p" + i + ".png";
        ImageIO.write(image, "png", dir.resolve(name).toFile());
        lines.append(String.format("{\"id\": \"p%d\", \"image\": \"%s\", \"question\": \"%s\", \"tags\": "
            + "{\"resolution\": \"%dx%d\", \"n\": %d}}%n", i, name, questions[i % questions.length], side, side, i));
      }
      Files.writeString(dir.resolve(PromptSet.FILE_NAME), lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }
}
