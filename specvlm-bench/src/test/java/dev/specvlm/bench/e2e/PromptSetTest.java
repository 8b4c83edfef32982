package dev.specvlm.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.InvalidRequestException;
import dev.specvlm.Prompt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptSetTest {
  @TempDir Path dir;

  private Path folder(String lines) throws IOException {
    Files.createDirectories(dir.resolve("images"));
    Files.write(dir.resolve("images/a.png"), new byte[] {1});
    Files.writeString(dir.resolve(PromptSet.FILE_NAME), lines);
    return dir;
  }

  @Test
  void read_validFolder_keepsOrderTagsAndResolvesImages() throws IOException {
    PromptSet set = PromptSet.read(folder("""
        {"id": "a", "image": "images/a.png", "question": "What is it?", "tags": {"resolution": "64x64", "n": 3}}

        {"id": "b", "question": "Text only.", "extra": true}
        """));
    assertEquals(2, set.cases().size());
    PromptCase a = set.cases().get(0);
    assertEquals(dir.toAbsolutePath().normalize().resolve("images/a.png"), a.image());
    assertEquals(Map.of("resolution", "64x64", "n", "3"), a.tags());
    assertNull(set.cases().get(1).image());
    Prompt p = a.toPrompt();
    assertEquals(1, p.imageCount());
    assertTrue(p.parts().get(0) instanceof Prompt.Image, "image before the question");
    assertEquals(1, set.limit(1).cases().size());
  }

  @Test
  void read_badFolders_sayWhatAndWhere() throws IOException {
    assertTrue(message(dir.resolve("none")).contains("has no prompts.jsonl"));
    assertTrue(message(folder("{\"id\": \"a\", \"question\": \"q\"}\n{oops\n")).contains("line 2 is not valid JSON"));
    assertTrue(message(folder("{\"id\": \"a\"}\n")).contains("field 'question' is missing"));
    assertTrue(message(folder("{\"id\": \"a\", \"question\": \"q\", \"image\": \"images/b.png\"}\n"))
        .contains("image 'images/b.png' not found"));
    assertTrue(message(folder("{\"id\": \"a\", \"question\": \"q\", \"image\": \"../x.png\"}\n"))
        .contains("points outside the prompt folder"));
    assertTrue(message(folder("{\"id\": \"a\", \"question\": \"q\"}\n{\"id\": \"a\", \"question\": \"r\"}\n"))
        .contains("id 'a' appears twice"));
    assertTrue(message(folder("\n\n")).contains("holds no prompts"));
    assertTrue(message(folder("[1, 2]\n")).contains("not a JSON object"));
  }

  private static String message(Path folder) {
    return assertThrows(InvalidRequestException.class, () -> PromptSet.read(folder)).getMessage();
  }
}
