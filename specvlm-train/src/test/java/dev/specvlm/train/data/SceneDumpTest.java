package dev.specvlm.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SceneDumpTest {
  @Test
  void dump_threeSeeds_writesPngAndTextPerSample(@TempDir Path folder) throws IOException {
    long first = DataSplit.HELD_OUT.first();
    SceneDump.dump(folder, first, 3, 8);
    for (long seed = first; seed < first + 3; seed++) {
      Sample s = SampleGenerator.standard().sample(seed);
      BufferedImage png = ImageIO.read(folder.resolve(seed + ".png").toFile());
      assertEquals(SampleGeneratorTest.pixelHash(s.image()), SampleGeneratorTest.pixelHash(png));
      String text = Files.readString(folder.resolve(seed + ".txt"));
      assertTrue(text.contains("USER: " + s.question()), text);
      assertTrue(text.contains("ASSISTANT: " + s.answer()), text);
      assertTrue(text.contains(s.resolution().visualTokens(8) + " visual tokens"), text);
    }
  }
}
