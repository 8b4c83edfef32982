package dev.specvlm.train.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
  @TempDir Path dir;

  @Test
  void write_roundTripsLargeTensorsAndMetadata() {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("step", "42");
    meta.put("note", "résumé ✓");
    Map<String, float[]> tensors = new LinkedHashMap<>();
    float[] big = new float[700_000]; // larger than the write buffer
    for (int i = 0; i < big.length; i++) {
      big[i] = (float) Math.sin(i);
    }
    tensors.put("w.big", big);
    tensors.put("w.empty", new float[0]);
    tensors.put("adam.steps", new float[] {Float.NaN, -0f});
    Path file = dir.resolve("x.ckpt");
    new Checkpoint(meta, tensors).write(file);
    new Checkpoint(meta, tensors).write(file); // replacing an existing checkpoint
    assertFalse(Files.exists(dir.resolve("x.ckpt.tmp")));
    Checkpoint read = Checkpoint.read(file);
    assertEquals(meta, read.meta());
    assertEquals(tensors.keySet(), read.tensors().keySet());
    assertArrayEquals(big, read.tensors().get("w.big"));
    assertArrayEquals(tensors.get("adam.steps"), read.tensors().get("adam.steps"));
    assertEquals(Map.of("big", 700_000, "empty", 0),
        Map.of("big", read.withPrefix("w.").get("big").length, "empty", read.withPrefix("w.").get("empty").length));
  }
}
