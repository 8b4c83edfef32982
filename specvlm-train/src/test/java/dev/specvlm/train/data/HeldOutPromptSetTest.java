package dev.specvlm.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeldOutPromptSetTest {
  @TempDir Path dir;

  @Test
  void write_sixPrompts_cyclesResolutionsWithHeldOutSeeds() throws IOException {
    HeldOutPromptSet.write(dir.resolve("a"), 6, HeldOutPromptSet.DEFAULT_RESOLUTIONS, 0);
    List<String> lines = Files.readAllLines(dir.resolve("a").resolve(HeldOutPromptSet.PROMPTS_FILE));
    assertEquals(6, lines.size());
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      JsonObject o = JsonParser.parseString(lines.get(i)).getAsJsonObject();
      assertTrue(ids.add(o.get("id").getAsString()));
      assertFalse(o.get("question").getAsString().isBlank());
      JsonObject tags = o.getAsJsonObject("tags");
      long seed = Long.parseLong(tags.get("seed").getAsString());
      assertTrue(DataSplit.HELD_OUT.contains(seed));
      assertEquals(DataSplit.HELD_OUT.seed(i), seed);
      Resolution r = HeldOutPromptSet.DEFAULT_RESOLUTIONS.get(i % 3);
      assertEquals(r.toString(), tags.get("resolution").getAsString());
      BufferedImage image = ImageIO.read(dir.resolve("a").resolve(o.get("image").getAsString()).toFile());
      assertEquals(r.width(), image.getWidth());
      assertEquals(r.height(), image.getHeight());
      assertEquals(QuestionType.valueOf(tags.get("type").getAsString()).name(), tags.get("type").getAsString());
    }
  }

  @Test
  void write_sameArguments_sameFiles() throws IOException {
    HeldOutPromptSet.write(dir.resolve("a"), 3, List.of(Resolution.SQUARE_64), 5);
    HeldOutPromptSet.write(dir.resolve("b"), 3, List.of(Resolution.SQUARE_64), 5);
    assertEquals(Files.readString(dir.resolve("a/prompts.jsonl")), Files.readString(dir.resolve("b/prompts.jsonl")));
    assertEquals(-1, Files.mismatch(dir.resolve("a/images/0006.png"), dir.resolve("b/images/0006.png")));
  }

  @Test
  void parseResolutions_list_parsesEachSize() {
    assertEquals(List.of(new Resolution(64, 64), new Resolution(128, 96)),
        HeldOutPromptSet.parseResolutions("64x64, 128X96"));
  }
}
